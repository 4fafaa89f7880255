using System.Text;
using System.Text.RegularExpressions;
using Retort.Lint;
using Retort.PostgreSql;
using Retort.Sqlite;

namespace Retort.Architecture.Tests;

/// <summary>
/// The lint rule catalogue of every dialect: ids unique and stable in form, every rule documented (why, the safe way
/// with an example, a lock claim or the reason it has none), every PostgreSQL lock claim backed by an example the
/// server runs, and docs/lint-rules.md generated from it (a rule added or changed without the document fails here).
/// </summary>
public sealed partial class LintCatalogueTests
{
    private static readonly IReadOnlyList<LintRule> PostgreSqlRules = new PostgreSqlDialect().Lint.Rules;
    private static readonly IReadOnlyList<LintRule> SqliteRules = new SqliteDialect().Lint.Rules;

    // Every rule once, in id order (the rules of every database are listed by both dialects).
    private static readonly IReadOnlyList<LintRule> All = PostgreSqlRules.Concat(SqliteRules).Distinct().OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

    [GeneratedRegex("^RT[0-9]{3}$")]
    private static partial Regex IdForm();

    [Fact]
    public void Ids_are_unique_and_of_the_form_RT_and_three_digits()
    {
        Assert.True(All.Count >= 45, $"The catalogue has {All.Count} rules; at least 45 are promised.");
        foreach (var rule in All) Assert.Matches(IdForm(), rule.Id);
        var duplicates = All.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Two different rules share an id: " + string.Join(", ", duplicates));
        Assert.Equal(PostgreSqlRules.Select(r => r.Id).Order(StringComparer.Ordinal), PostgreSqlRules.Select(r => r.Id));
        Assert.Equal(SqliteRules.Select(r => r.Id).Order(StringComparer.Ordinal), SqliteRules.Select(r => r.Id));
    }

    [Fact]
    public void Every_rule_is_documented_and_claims_a_lock_or_says_why_not()
    {
        foreach (var rule in All)
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Title), $"{rule.Id} has no title.");
            Assert.False(string.IsNullOrWhiteSpace(rule.Why), $"{rule.Id} does not say why it hurts.");
            Assert.False(string.IsNullOrWhiteSpace(rule.SafeAlternative), $"{rule.Id} has no safe alternative.");
            Assert.False(string.IsNullOrWhiteSpace(rule.SafeExample), $"{rule.Id} has no example of the safe alternative.");
            Assert.True(rule.Lock is not null ^ rule.NoLockReason is not null, $"{rule.Id} must claim a lock (with its target) or say why it has none, not both.");
            if (rule.Lock is not null) Assert.False(string.IsNullOrWhiteSpace(rule.LockTarget), $"{rule.Id} claims {rule.Lock} but not on what.");
        }
    }

    [Fact]
    public void Every_PostgreSQL_lock_claim_has_an_example_for_the_server()
    {
        foreach (var rule in PostgreSqlRules.Where(r => r.Lock is not null))
        {
            Assert.True(rule.Example is not null, $"{rule.Id} claims {rule.Lock} but has no example to check it on the server.");
            Assert.True(PostgreSql.Lint.LockModes.Strength(rule.Lock!) >= 0, $"{rule.Id} claims '{rule.Lock}', which is not a pg_locks mode name.");
            Assert.Contains(rule.Example!.Table, rule.Example.Setup + rule.Example.Statement, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_rules_document_is_generated_from_the_catalogue()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "lint-rules.md");
        var expected = Render(All);
        if (Environment.GetEnvironmentVariable("RETORT_WRITE_DOCS") == "1") File.WriteAllText(path, expected);
        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(expected == actual, "docs/lint-rules.md is not what the catalogue says: run this test with RETORT_WRITE_DOCS=1 to write it again.");
        foreach (var rule in All)
        {
            Assert.Contains($"## {rule.Id}: {rule.Title}", actual, StringComparison.Ordinal);
            Assert.Contains(rule.Why, actual, StringComparison.Ordinal);
            Assert.Contains(rule.SafeAlternative, actual, StringComparison.Ordinal);
            Assert.Contains(rule.SafeExample!, actual, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Retort.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Retort.slnx not found above the test folder.");
    }

    private static string Render(IReadOnlyList<LintRule> rules)
    {
        var sb = new StringBuilder();
        sb.Append("""
            # Lint rules

            Every rule `retort lint` and the gate in `upgrade` check, generated from the rule catalogue (the code in
            `src/Retort/Lint/Rules/CommonRules.cs`, `src/Retort.PostgreSql/Lint/PostgreSqlRules.cs` and
            `src/Retort.Sqlite/Lint/SqliteRules.cs`; a test fails when this page and the code disagree). Each rule says
            what the statement does on the server: the lock it takes (PostgreSQL: as `pg_locks.mode` names it) and on
            what, whether it rewrites the table (a new relation file) or scans it while holding the lock, why that hurts,
            and the safe way to do the same.

            Severity: **error** blocks or breaks the running application, and `upgrade` refuses it unless it is allowed
            with a reason; **warning** is likely trouble; **note** is advice. No rule finds anything on a table created
            earlier in the same plan.

            Every PostgreSQL rule that claims a lock has an example that the test suite runs on a real server in a
            transaction, reading the locks its backend holds from `pg_locks`, the table's `pg_class.relfilenode` before
            and after (a rewrite), and its scans from `pg_stat_xact_user_tables`: a rule whose claim disagrees with the
            server fails the tests. A statement that cannot run in a transaction (`VACUUM FULL`) is observed from a
            second connection that holds a weaker lock, so the mode it waits for shows in `pg_locks`.

            | id | title | dialect | severity | lock | rewrites | scans |
            |---|---|---|---|---|---|---|

            """.Replace("\r", ""));
        foreach (var r in rules)
            sb.Append($"| [{r.Id}](#{r.Id.ToLowerInvariant()}-{Anchor(r.Title)}) | {r.Title} | {r.Dialect ?? "all"} | {Severity(r.Severity)} | {(r.Lock is null ? "—" : "`" + r.Lock + "`")} | {YesNo(r.Rewrites)} | {YesNo(r.Scans)} |\n");
        foreach (var r in rules)
        {
            sb.Append($"\n## {r.Id}: {r.Title}\n\n");
            sb.Append($"- Dialect: {r.Dialect ?? "every database"}\n");
            sb.Append($"- Severity: {Severity(r.Severity)}\n");
            sb.Append(r.Lock is null ? $"- Lock: none claimed. {r.NoLockReason}\n" : $"- Lock: `{r.Lock}` on {r.LockTarget}\n");
            sb.Append($"- Rewrites the table: {YesNo(r.Rewrites)}\n");
            sb.Append($"- Scans the table under the lock: {YesNo(r.Scans)}\n");
            if (r.GoneInVersion is { } v) sb.Append($"- Only before version {v.Major}: the hazard is gone from PostgreSQL {v.Major} on, and the rule finds nothing on a server known to be that new.\n");
            sb.Append($"\n**Why it hurts.** {r.Why}\n\n**Safe alternative.** {r.SafeAlternative}\n\n");
            var language = r.SafeExample!.Contains("op.", StringComparison.Ordinal) || r.SafeExample.Contains("new Column", StringComparison.Ordinal) ? "csharp"
                : r.SafeExample.StartsWith("pg_repack", StringComparison.Ordinal) ? "sh" : "sql";
            sb.Append($"```{language}\n{r.SafeExample}\n```\n");
            if (r.Example is { } e)
                sb.Append($"\nChecked on the server with `{e.Statement.Replace("\n", " ")}` on `{e.Table}`, after:\n\n```sql\n{e.Setup}\n```\n");
        }
        return sb.ToString();
    }

    private static string Severity(LintSeverity s) => s.ToString().ToLowerInvariant();

    private static string YesNo(bool b) => b ? "yes" : "no";

    private static string Anchor(string title) => Regex.Replace(title.ToLowerInvariant(), "[^a-z0-9 -]", "").Replace(' ', '-');
}

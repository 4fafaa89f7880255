using Retort.Dialects;
using Retort.Lint;
using Retort.Operations;
using Retort.Runner.Linting.Internal;
using Retort.Sql;

namespace Retort.Runner.Linting;

/// <summary>
/// Runs a dialect's lint checks over pending revisions' upgrade plans, in the order <c>upgrade</c> runs them, without
/// touching a database: every operation goes to <see cref="LintCheck.CheckOperation"/>, every statement of raw SQL
/// (<c>op.Execute</c> text and <c>.sql</c> revisions, split by the one lexer) to <see cref="LintCheck.CheckStatement"/>.
/// A table created earlier in the plan (in the same or an earlier pending revision) holds no rows the application
/// uses, so nothing is reported on it. Allowances (on the operation, in a <c>-- retort:allow</c> comment, or for the
/// run) mark findings allowed with their reason; with live statistics a finding on an empty table becomes a note and
/// one on a table with rows gets an <see cref="LintFinding.Estimate"/>.
/// </summary>
public static class PlanLinter
{
    /// <summary>Lints <paramref name="revisions"/> (the pending ones, oldest first) with <paramref name="dialect"/>'s checks.</summary>
    /// <exception cref="RetortException">An allowance is malformed (no reason, a bad rule id), or a check failed.</exception>
    public static LintReport Lint(Dialect dialect, IReadOnlyList<LintRevision> revisions, LintOptions? options = null)
    {
        options ??= new LintOptions();
        var allowedForRun = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in options.Allow)
            allowedForRun.Add(LintAllowance.Create(rule, LintOptions.CommandLineReason, "--allow").Rule);
        var checks = dialect.Lint.Checks;
        var created = new HashSet<string>(StringComparer.Ordinal);
        var findings = new List<LintFinding>();
        foreach (var revision in revisions)
        {
            var statements = RevisionStatements.Read(revision, dialect.SqlFlavor);
            var split = statements.Select(IReadOnlyList<LintStatement> (list) => list.Select(s => s.Statement).ToList()).ToList();
            for (var index = 0; index < revision.Plan.Count; index++)
            {
                var operation = revision.Plan[index];
                LintContext Context() => new()
                {
                    Dialect = dialect.Name,
                    Flavor = dialect.SqlFlavor,
                    ServerVersion = options.ServerVersion,
                    Revision = revision.Info.Id,
                    Plan = revision.Plan,
                    Index = index,
                    InTransaction = !dialect.Transactions.RunsOutsideTransaction(operation),
                    // The set grows as the walk goes on; a check reads it only while it looks at this place.
                    CreatedTables = created,
                    Statements = split,
                    Live = options.Live,
                };
                var context = Context();
                IReadOnlyList<LintAllowance> own = operation.Allowances ?? (IReadOnlyList<LintAllowance>)[];
                var where = new Place(revision, index, operation, null);
                // Indexed loops and no delegate per call: a plan of hundreds of revisions makes tens of thousands of calls.
                for (var c = 0; c < checks.Count; c++)
                    if (Run(checks[c], where, context) is { } found)
                        foreach (var finding in found)
                            Add(findings, finding, where, context, own, allowedForRun);
                foreach (var statement in statements[index])
                {
                    var inner = new Place(revision, index, operation, statement);
                    IReadOnlyCollection<LintAllowance>? allowances = null;
                    for (var c = 0; c < checks.Count; c++)
                        if (Run(checks[c], inner, context) is { } found)
                            foreach (var finding in found)
                                Add(findings, finding, inner, context, allowances ??= [.. own, .. statement.Allowances], allowedForRun);
                    // A table the statement creates is new to the statements after it.
                    if (CreatedTable.Of(statement.Statement.Tokens) is { } name && created.Add(TableKey(name))) context = Context();
                }
                Track(created, operation);
            }
        }
        return new LintReport(dialect.Name, revisions.Select(r => r.Info.Id).ToList(), findings)
        {
            ServerVersion = options.ServerVersion,
            UsedLiveStats = options.Live is not null,
            Rules = checks.Select(c => c.Rule).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList(),
        };
    }

    private sealed record Place(LintRevision Revision, int Index, MigrationOperation Operation, PlanStatement? Statement);

    // The check's findings at this place (its statement, or else its operation), or null for none.
    private static List<LintFinding>? Run(LintCheck check, Place where, LintContext context)
    {
        try
        {
            // Most checks find nothing: no list for them.
            List<LintFinding>? found = null;
            var findings = where.Statement is { } statement ? check.CheckStatement(statement.Statement, context) : check.CheckOperation(where.Operation, context);
            foreach (var finding in findings) (found ??= []).Add(finding);
            return found;
        }
        catch (Exception e) when (e is not (RetortException or OperationCanceledException))
        {
            throw new RetortException($"Lint rule {check.Rule.Id} failed on revision {where.Revision.Info.Id} ({where.Revision.Source}), operation " +
                $"{where.Index + 1} ({where.Operation.Describe()}): {e.Message}. This is a bug in the rule; allowing the rule does not skip it.", e);
        }
    }

    private static void Add(List<LintFinding> findings, LintFinding found, Place where, LintContext context,
        IReadOnlyCollection<LintAllowance> allowances, HashSet<string> allowedForRun)
    {
        var table = found.Table ?? (where.Operation is TableOperation t ? (t.Schema is null ? t.TableName : t.Schema + "." + t.TableName) : null);
        // The rule may not have asked; a table the plan made holds nothing the application uses.
        if (table is not null && context.CreatedTables.Contains(TableKey(table))) return;
        var severity = found.Severity;
        string? estimate = null;
        if (table is not null && context.Live is not null && context.Live.TryGetValue(TableKey(table), out var stats))
        {
            if (stats.Rows == 0) severity = LintSeverity.Note;
            else estimate = LintEstimate.Describe(found.Rule, table, stats);
        }
        var reason = allowances.FirstOrDefault(a => a.Rule == found.Rule.Id)?.Reason
            ?? (allowedForRun.Contains(found.Rule.Id) ? LintOptions.CommandLineReason : null);
        findings.Add(found with
        {
            Severity = severity,
            Revision = where.Revision.Info.Id,
            Source = where.Revision.SourceFile ?? where.Revision.Source,
            OperationIndex = where.Index,
            Operation = where.Operation.Describe(),
            Statement = found.Statement ?? (where.Statement is { } s ? SqlWords.WithoutLeadingComments(s.Statement.Text, s.Statement.Flavor) : null),
            Line = found.Line ?? where.Statement?.Statement.Line,
            Table = table,
            Estimate = found.Estimate ?? estimate,
            AllowedReason = found.AllowedReason ?? reason,
        });
    }

    /// <summary>
    /// <paramref name="report"/> (linted without a database) with live statistics applied as <see cref="Lint"/> applies
    /// them: a finding on an empty table becomes a note, one on a table with rows gets an estimate. No check reads the
    /// statistics, so this equals linting again with them.
    /// </summary>
    internal static LintReport WithLive(LintReport report, IReadOnlyDictionary<string, TableStats> live) => report with
    {
        UsedLiveStats = true,
        Findings = report.Findings.Select(f => f.Table is not null && live.TryGetValue(TableKey(f.Table), out var stats)
            ? stats.Rows == 0 ? f with { Severity = LintSeverity.Note } : f with { Estimate = f.Estimate ?? LintEstimate.Describe(f.Rule, f.Table, stats) }
            : f).ToList(),
    };

    /// <summary>A table name as a finding writes it (quotes allowed), as <see cref="LintContext.Key"/> keys it.</summary>
    internal static string TableKey(string table) => table.Replace("\"", "").Replace("`", "").Replace("[", "").Replace("]", "").ToLowerInvariant();

    private static void Track(HashSet<string> created, MigrationOperation operation)
    {
        switch (operation)
        {
            case CreateTableOperation c:
                created.Add(LintContext.Key(c.Table.Schema, c.Table.Name));
                break;
            case RenameTableOperation r when created.Remove(LintContext.Key(r.Schema, r.TableName)):
                created.Add(LintContext.Key(r.Schema, r.NewName));
                break;
            case DropTableOperation d:
                created.Remove(LintContext.Key(d.Schema, d.Name));
                break;
        }
    }
}

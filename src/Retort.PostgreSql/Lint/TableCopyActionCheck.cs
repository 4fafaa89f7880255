using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT018 (SET TABLESPACE) and RT042 (SET LOGGED / UNLOGGED): ALTER TABLE actions that copy the table.</summary>
public sealed class TableCopyActionCheck : RuleCheck
{
    private readonly string[] _words;

    private TableCopyActionCheck(LintRule rule, params string[] words) : base(rule) => _words = words;

    /// <summary>RT018.</summary>
    public static TableCopyActionCheck SetTablespace { get; } = new(PostgreSqlRules.SetTablespace, "TABLESPACE");

    /// <summary>RT042.</summary>
    public static TableCopyActionCheck SetLogged { get; } = new(PostgreSqlRules.SetLogged, "LOGGED", "UNLOGGED");

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (LintSql.AlterTable(statement) is { } alter)
        {
            if (!Existing(context, alter.Table, statement)) yield break;
            foreach (var action in alter.Actions)
                if (LintSql.Is(action, 0, "SET") && _words.Any(w => LintSql.Is(action, 1, w)))
                    yield return Found($"runs SET {action[1].Text.ToUpperInvariant()} on {alter.Table}, copying the whole table under ACCESS EXCLUSIVE.", alter.Table.Display);
        }
        else if (_words[0] == "TABLESPACE" && LintSql.At(t, 0, "ALTER") && (LintSql.Is(t, 1, "INDEX") || LintSql.Is(t, 1, "MATERIALIZED")) && LintSql.Has(t, "SET", "TABLESPACE"))
            yield return Found($"moves {t[1].Text.ToUpperInvariant()} {t[^3].Text} to another tablespace, copying it under ACCESS EXCLUSIVE.", null);
    }
}

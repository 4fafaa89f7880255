using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite.Lint;

/// <summary>RT053: ALTER TABLE ADD COLUMN forms SQLite refuses.</summary>
public sealed class AddColumnRefusedCheck() : RuleCheck(SqliteRules.AddColumnRefused)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        foreach (var c in LintSql.ColumnDefinitions(statement))
        {
            if (c.InCreateTable) continue;
            var d = c.Default;
            var reason =
                LintSql.Has(c.Constraints, "PRIMARY", "KEY") ? "a PRIMARY KEY column"
                : c.Has("UNIQUE") ? "a UNIQUE column"
                : c.Has("GENERATED") && c.Has("STORED") || c.Has("AS") && c.Has("STORED") ? "a STORED generated column"
                : d is { Count: > 0 } && (d[0].IsSymbol('(') || d[0].Is("CURRENT_TIMESTAMP") || d[0].Is("CURRENT_TIME") || d[0].Is("CURRENT_DATE")) ? "a non-constant default"
                : LintSql.Has(c.Constraints, "NOT", "NULL") && (d is null || d is [var only] && only.Is("NULL")) ? "NOT NULL without a non-null default"
                : null;
            if (reason is not null)
                yield return Found($"adds column {c.Column} to {c.Table} as {reason}, which SQLite's ADD COLUMN refuses.", c.Table.Display);
        }
    }
}

using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite.Lint;

/// <summary>RT054: a table dropped and another renamed into its place, in SQL.</summary>
public sealed class HandWrittenRebuildCheck() : RuleCheck(SqliteRules.HandWrittenRebuild)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter) yield break;
        foreach (var action in alter.Actions)
        {
            if (!LintSql.At(action, 0, "RENAME", "TO") || action.Count < 3) continue;
            var target = action[2].FoldedIdentifier;
            var dropped = EarlierStatements(context, statement).Any(s =>
            {
                var i = 2;
                if (!LintSql.At(s.Tokens, 0, "DROP", "TABLE")) return false;
                LintSql.Skip(s.Tokens, ref i, "IF", "EXISTS");
                return LintSql.NameList(s.Tokens, i).Any(n => n.Name == target);
            });
            if (dropped && Existing(context, alter.Table.Schema, target, statement))
                yield return Found($"drops {target} and renames {alter.Table} into its place: a rebuild by hand, which loses what it does not write again (indexes, triggers, views).", target);
        }
    }
}

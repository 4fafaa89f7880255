using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite.Lint;

/// <summary>RT051: an index built on an existing table.</summary>
public sealed class IndexOnExistingTableCheck() : RuleCheck(SqliteRules.IndexOnExistingTable)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is CreateIndexOperation c && Existing(context, c.Schema, c.TableName))
            yield return Found($"builds index {c.Index.Name} on {Display(c.Schema, c.TableName)}, reading every row while other writers wait.", Display(c.Schema, c.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 1;
        if (!LintSql.Is(t, 0, "CREATE")) yield break;
        LintSql.Skip(t, ref i, "UNIQUE");
        if (!LintSql.Skip(t, ref i, "INDEX")) yield break;
        var on = LintSql.IndexOf(t, i, "ON");
        if (on < 0) yield break;
        i = on + 1;
        if (LintSql.ReadName(t, ref i) is { } table && Existing(context, table, statement))
            yield return Found($"builds an index on {table}, reading every row while other writers wait.", table.Display);
    }
}

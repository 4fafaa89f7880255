using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>RT004: an existing table dropped.</summary>
public sealed class DropTableCheck() : RuleCheck(CommonRules.DropTable)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is DropTableOperation d && Existing(context, d.Schema, d.Name))
            yield return Found($"drops table {Display(d.Schema, d.Name)} and all its rows.", Display(d.Schema, d.Name));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 2;
        if (!LintSql.At(t, 0, "DROP", "TABLE")) yield break;
        LintSql.Skip(t, ref i, "IF", "EXISTS");
        foreach (var table in LintSql.NameList(t, i))
            if (Existing(context, table, statement))
                yield return Found($"drops table {table} and all its rows.", table.Display);
    }
}

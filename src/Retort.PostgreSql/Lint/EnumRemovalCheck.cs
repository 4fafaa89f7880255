using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT037: an enum type dropped (to recreate it without a value).</summary>
public sealed class EnumRemovalCheck() : RuleCheck(PostgreSqlRules.EnumRemoval)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is DropEnumTypeOperation d && !CreatedEarlier(context, null, d.Name))
            yield return Found($"drops enum type {d.Name}{(Recreated(context, d.Name) ? " and creates it again, removing values" : "")}; columns of the type must be rewritten and the running application may still write its values.", null);
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 2;
        if (!LintSql.At(t, 0, "DROP", "TYPE")) yield break;
        LintSql.Skip(t, ref i, "IF", "EXISTS");
        foreach (var type in LintSql.NameList(t, i))
            if (!CreatedEarlier(context, statement, type.Name))
                yield return Found($"drops type {type}; if it is an enum recreated without a value, columns of the type must be rewritten and the running application may still write the removed value.", null);
    }

    private static bool CreatedEarlier(LintContext context, LintStatement? current, string name) =>
        EarlierOperations(context).Any(op => op is CreateEnumTypeOperation c && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        || EarlierStatements(context, current).Any(s => LintSql.At(s.Tokens, 0, "CREATE", "TYPE") && s.Tokens.Count > 2 && s.Tokens[^1].Depth >= 0 && NameOf(s) == name);

    private static string? NameOf(LintStatement s)
    {
        var i = 2;
        return LintSql.ReadName(s.Tokens, ref i)?.Name;
    }

    private static bool Recreated(LintContext context, string name) =>
        context.Plan.Skip(context.Index + 1).Any(op => op is CreateEnumTypeOperation c && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT035: ALTER TYPE … ADD VALUE inside a transaction on PostgreSQL 11 or older.</summary>
public sealed class EnumValueInTransactionCheck() : RuleCheck(PostgreSqlRules.EnumValueInTransaction)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 2;
        if (!LintSql.At(t, 0, "ALTER", "TYPE") || LintSql.ReadName(t, ref i) is not { } type || !LintSql.At(t, i, "ADD", "VALUE")) yield break;
        if (InTransaction(statement, context) && context.ServerVersion is { } v && v < Rule.GoneInVersion!)
            yield return Found($"adds a value to enum type {type} inside the revision's transaction, which PostgreSQL {v} refuses.", null);
    }
}

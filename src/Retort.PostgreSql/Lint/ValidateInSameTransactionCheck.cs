using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;

using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT026: VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID.</summary>
public sealed class ValidateInSameTransactionCheck() : RuleCheck(PostgreSqlRules.ValidateInSameTransaction)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !InTransaction(statement, context) || !Existing(context, alter.Table, statement)) yield break;
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var earlier in EarlierStatements(context, statement).Where(s => !s.OutsideTransaction))
            if (LintSql.AlterTable(earlier) is { } e && e.Table.Name == alter.Table.Name)
                foreach (var a in e.Actions)
                    if (PgSql.AddConstraint(a) is { NotValid: true, Name: { } n }) added.Add(n);
        foreach (var action in alter.Actions)
        {
            if (PgSql.AddConstraint(action) is { NotValid: true, Name: { } n }) added.Add(n);
            if (LintSql.At(action, 0, "VALIDATE", "CONSTRAINT") && action.Count > 2 && added.Contains(action[2].FoldedIdentifier))
                yield return Found($"validates constraint {action[2].FoldedIdentifier} of {alter.Table} in the transaction that added it NOT VALID, so the scan runs under ACCESS EXCLUSIVE.", alter.Table.Display);
        }
    }
}

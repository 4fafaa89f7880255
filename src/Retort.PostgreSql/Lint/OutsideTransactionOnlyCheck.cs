using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.PostgreSql.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT014: a statement PostgreSQL runs only outside a transaction, inside the revision's transaction.</summary>
public sealed class OutsideTransactionOnlyCheck() : RuleCheck(PostgreSqlRules.OutsideTransactionOnly)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (InTransaction(statement, context) && StatementClassifier.OutsideTransactionOnly(statement.Text) is { } command)
            yield return Found($"runs {command} inside the revision's transaction, where PostgreSQL refuses it.", null);
    }
}

using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;

namespace Retort.PostgreSql.Lint;

/// <summary>RT046: ALTER DOMAIN … ADD CONSTRAINT without NOT VALID.</summary>
public sealed class DomainConstraintCheck() : RuleCheck(PostgreSqlRules.DomainConstraint)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 2;
        if (!LintSql.At(t, 0, "ALTER", "DOMAIN") || LintSql.ReadName(t, ref i) is not { } domain) yield break;
        if (!LintSql.Is(t, i, "ADD") || LintSql.Has(t, "NOT", "VALID")) yield break;
        if (EarlierStatements(context, statement).Any(s => LintSql.At(s.Tokens, 0, "CREATE", "DOMAIN") && s.Tokens.Count > 2 && s.Tokens[2].FoldedIdentifier == domain.Name)) yield break;
        yield return Found($"adds a constraint to domain {domain} without NOT VALID: every column of the domain is checked while its table is locked.", null);
    }
}

using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>RT010: BEGIN, COMMIT, ROLLBACK and the like in a revision's SQL.</summary>
public sealed class TransactionControlCheck() : RuleCheck(CommonRules.TransactionControl)
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal) { "BEGIN", "COMMIT", "ROLLBACK", "END", "ABORT" };

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (t.Count == 0 || t[0].Kind != SqlTokenKind.Word || !InTransaction(statement, context)) yield break;
        var word = t[0].Text.ToUpperInvariant();
        if (Words.Contains(word) || LintSql.At(t, 0, "START", "TRANSACTION"))
            yield return Found($"runs {(word == "START" ? "START TRANSACTION" : word)} inside the revision, which ends or starts a transaction behind Retort's back.", null);
    }
}

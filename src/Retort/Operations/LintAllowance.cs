namespace Retort.Operations;

/// <summary>
/// A lint finding of one rule allowed on one operation, with the reason (<c>op.Allow("RT012", "table is empty at
/// deploy")</c>): <c>upgrade</c> then runs the operation and records the rule and reason in the history table.
/// </summary>
/// <param name="Rule">The rule's id, <c>RT</c> and three digits.</param>
/// <param name="Reason">Why the finding is acceptable here; never empty.</param>
// Its public properties are read by reflection for a revision's checksum (Runner/PlanFingerprint.cs): kept when trimmed.
[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
public sealed record LintAllowance(string Rule, string Reason)
{
    /// <summary>
    /// An allowance after checking its parts: a rule id of the form <c>RT###</c> and a reason that says something.
    /// </summary>
    /// <exception cref="RetortException">The rule id is malformed or the reason is missing.</exception>
    public static LintAllowance Create(string? rule, string? reason, string where)
    {
        var id = rule?.Trim().ToUpperInvariant() ?? "";
        if (!IsRuleId(id))
            throw new RetortException($"{where}: '{rule}' is not a lint rule id. Allow a finding by its rule's id, RT and three digits (for example RT012), " +
                "as 'retort lint' prints it.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new RetortException($"{where}: the allowance of {id} has no reason. Say why the finding is acceptable here (for example " +
                $"\"{id}\", \"table is empty at deploy\"): the reason is recorded in the history table with the revision.");
        return new LintAllowance(id, reason.Trim());
    }

    /// <summary>True for <c>RT</c> followed by three digits.</summary>
    public static bool IsRuleId(string id) => id.Length == 5 && id.StartsWith("RT", StringComparison.Ordinal) && id[2..].All(char.IsAsciiDigit);
}

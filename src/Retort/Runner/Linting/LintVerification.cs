namespace Retort.Runner.Linting;

/// <summary>
/// What <c>retort lint --verify</c> saw running the pending plan on a schema-only shadow database, statement by
/// statement: the locks and rewrites the server reported beside the rules' claims.
/// </summary>
/// <param name="Shadow">The shadow database (password hidden): the scratch database made for the run, or <c>--shadow-url</c>.</param>
/// <param name="Scratch">True when the shadow was a scratch database made from the target's reflected schema and dropped afterwards.</param>
/// <param name="Statements">Every statement of the plan, in the order an upgrade sends them, up to the first that failed.</param>
public sealed record LintVerification(string Shadow, bool Scratch, IReadOnlyList<VerifiedStatement> Statements)
{
    /// <summary>Why the verification stopped (a statement failed on the shadow), or null when every statement ran.</summary>
    public string? Failure { get; init; }

    /// <summary>Claims the server disagreed with.</summary>
    public IReadOnlyList<VerifiedClaim> Differences => Statements.SelectMany(s => s.Claims).Where(c => !c.Agrees).ToList();
}

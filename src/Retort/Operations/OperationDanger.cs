namespace Retort.Operations;

/// <summary>
/// One danger of one operation, classified: what kind it is and a sentence saying why (for example
/// <c>drops column 'users.age' and its data.</c>). Every kind of operation says which dangers it has through its
/// <see cref="OperationRegistration"/>; generated revisions warn of them, and rules that vet a plan build on them.
/// </summary>
/// <param name="Kind">What kind of danger it is.</param>
/// <param name="Reason">What the operation does that makes it dangerous, as a sentence that starts with a verb.</param>
public sealed record OperationDanger(DangerKind Kind, string Reason)
{
    /// <summary>No danger.</summary>
    public static IReadOnlyList<OperationDanger> None { get; } = [];

    /// <summary>
    /// True for the dangers a generated revision warns of above the operation (<c>// DANGER: …</c>): the ones to the
    /// data (lost, refused, or kept for good). Lock dangers are not written there: whether they matter depends on the
    /// database and the table's size.
    /// </summary>
    public bool ThreatensData => Kind is DangerKind.LosesData or DangerKind.MayFailOnExistingRows or DangerKind.CannotBeUndone;
}

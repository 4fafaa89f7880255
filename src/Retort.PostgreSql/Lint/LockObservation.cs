namespace Retort.PostgreSql.Lint;

/// <summary>What a statement did on the server: per relation, the locks it took, whether it rewrote it and scanned it.</summary>
/// <param name="Relations">Every user relation the statement locked or rewrote.</param>
/// <param name="InTransaction">True when the statement ran inside a transaction and every lock it held was read; false when it ran outside one and only the first lock it waited for was seen.</param>
public sealed record LockObservation(IReadOnlyList<RelationObservation> Relations, bool InTransaction)
{
    /// <summary>The observation of a relation by name (<c>name</c> or <c>schema.name</c>, case-sensitive), or null when the statement did not touch it.</summary>
    public RelationObservation? For(string relation)
    {
        var dot = relation.IndexOf('.');
        return dot < 0
            ? Relations.FirstOrDefault(r => r.Name == relation)
            : Relations.FirstOrDefault(r => r.Schema == relation[..dot] && r.Name == relation[(dot + 1)..]);
    }
}

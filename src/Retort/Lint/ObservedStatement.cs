namespace Retort.Lint;

/// <summary>What one statement did on a real server: per relation, the locks it took and whether it rewrote it.</summary>
/// <param name="Relations">Every user relation the statement locked or rewrote.</param>
/// <param name="InTransaction">True when it ran in a transaction and every lock it held was read; false when it ran outside one and only the first strong lock it waited for was seen.</param>
public sealed record ObservedStatement(IReadOnlyList<ObservedRelation> Relations, bool InTransaction)
{
    /// <summary>The observation of a relation named as a finding names it (<c>name</c> or <c>schema.name</c>, quotes allowed), or null when the statement did not touch it.</summary>
    public ObservedRelation? For(string relation)
    {
        ArgumentNullException.ThrowIfNull(relation);
        var clean = relation.Replace("\"", "");
        var dot = clean.LastIndexOf('.');
        return dot < 0
            ? Relations.FirstOrDefault(r => r.Name == clean) ?? Relations.FirstOrDefault(r => string.Equals(r.Name, clean, StringComparison.OrdinalIgnoreCase))
            : Relations.FirstOrDefault(r => r.Schema == clean[..dot] && r.Name == clean[(dot + 1)..]);
    }
}

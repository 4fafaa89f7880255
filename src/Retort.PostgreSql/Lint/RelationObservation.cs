namespace Retort.PostgreSql.Lint;

/// <summary>What one statement did to one relation, as the server reported it.</summary>
/// <param name="Schema">The relation's schema.</param>
/// <param name="Name">The relation's name.</param>
/// <param name="Modes">The lock modes the statement's transaction held on it after the statement (or, for a statement run outside a transaction, the mode it waited for).</param>
/// <param name="Rewritten">True when its <c>pg_class.relfilenode</c> changed: the statement wrote a new file for it.</param>
/// <param name="Scans">How many sequential and index scans of it the statement started (<c>pg_stat_xact_user_tables</c>), or null when not observed (outside a transaction, or not a table).</param>
public sealed record RelationObservation(string Schema, string Name, IReadOnlyList<string> Modes, bool Rewritten, long? Scans)
{
    /// <summary>The strongest mode of <see cref="Modes"/>, or null when no lock was seen.</summary>
    public string? StrongestMode => LockModes.Strongest(Modes);
}

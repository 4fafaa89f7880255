namespace Retort.Lint;

/// <summary>What one statement did to one relation on a real server (<see cref="LintSupport.ObserveAsync"/>).</summary>
/// <param name="Schema">The relation's schema.</param>
/// <param name="Name">The relation's name.</param>
/// <param name="Modes">The lock modes the statement held on it (for a statement run outside a transaction, the first strong mode it waited for).</param>
/// <param name="StrongestMode">The strongest of <paramref name="Modes"/>, or null when no lock was seen.</param>
/// <param name="Rewritten">True when the statement wrote a new file for it (a table rewrite).</param>
/// <param name="Scans">How many scans of it the statement started, or null when not observed.</param>
public sealed record ObservedRelation(string Schema, string Name, IReadOnlyList<string> Modes, string? StrongestMode, bool Rewritten, long? Scans);

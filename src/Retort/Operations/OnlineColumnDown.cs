namespace Retort.Operations;

/// <summary>An old column of an online merge, with the SQL that computes it from a row of the new shape.</summary>
/// <param name="Name">The old column.</param>
/// <param name="Down">SQL computing it from a row of the new shape (column names as they are after the revision).</param>
public sealed record OnlineColumnDown(string Name, string Down);

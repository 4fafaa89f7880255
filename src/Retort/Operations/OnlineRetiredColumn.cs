namespace Retort.Operations;

/// <summary>
/// A column of the old shape that the new shape does not have: kept by the expand for the old application, computed
/// with <see cref="Down"/> from what the new application writes, dropped by the contract.
/// </summary>
/// <param name="Name">Its name.</param>
/// <param name="Down">SQL computing it from a row of the new shape (column names as they are after the revision), or
/// null: the new column of the same name converted back by assignment when there is one, else left to its default.</param>
/// <param name="Derived">True when it stands for new columns and is computed again on every write of the new
/// application (a type change, a split, a merge); false for a dropped column, computed only on insert.</param>
public sealed record OnlineRetiredColumn(string Name, string? Down, bool Derived);

using Retort.Schema;

namespace Retort.Operations;

/// <summary>
/// A column of the new shape that does not exist in the old one (or changes there): added as a shadow column by the
/// expand, kept equal to <see cref="Up"/> for every row the old application writes, renamed to <see cref="Name"/> by the
/// contract.
/// </summary>
/// <param name="Name">Its final name.</param>
/// <param name="Up">SQL computing it from a row of the old shape (column names as they are before the revision); null
/// takes <see cref="Source"/> as it is, converted to the new type by assignment.</param>
public sealed record OnlineNewColumn(string Name, string? Up)
{
    /// <summary>Its type; null for the type of <see cref="Source"/>.</summary>
    public SqlType? Type { get; init; }

    /// <summary>The old column it stands for, whose type, default and NOT NULL it takes where it gives none; or null.</summary>
    public string? Source { get; init; }

    /// <summary>True for NOT NULL, false for nullable, null for what <see cref="Source"/> is (nullable without one).</summary>
    public bool? NotNull { get; init; }

    /// <summary>Its default; null takes <see cref="Source"/>'s (none without one).</summary>
    public ServerDefault? Default { get; init; }
}

using Retort.Operations;

namespace Retort.Autogenerate;

/// <summary>The result of comparing a target schema with a database.</summary>
/// <param name="Operations">Operations that turn the database into the target, in a safe order.</param>
/// <param name="RenameHints">Likely renames that were emitted as drop + add.</param>
public sealed record SchemaDiff(IReadOnlyList<MigrationOperation> Operations, IReadOnlyList<RenameHint> RenameHints)
{
    /// <summary>True when the database matches the target.</summary>
    public bool IsEmpty => Operations.Count == 0;

    /// <summary>A readable list of the differences, one per line, with rename hints (for <c>check</c> output).</summary>
    public string Describe() =>
        string.Join("\n", Operations.Select(o => "- " + o.Describe() + (MigrationCodeWriter.DangerReason(o) is { } d ? "  (danger: " + d + ")" : ""))
            .Concat(RenameHints.Select(h => "? " + h)));

    /// <summary>The operations that undo <see cref="Operations"/> (each reversed, in reverse order).</summary>
    /// <remarks>An added enum label has no reverse (PostgreSQL cannot remove one); the downgrade leaves it.</remarks>
    public IReadOnlyList<MigrationOperation> ReverseOperations =>
        Operations.Reverse().Where(o => o is not AddEnumValueOperation).Select(o => o.Reverse()).ToList();
}

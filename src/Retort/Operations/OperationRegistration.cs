namespace Retort.Operations;

/// <summary>
/// Everything Retort knows about one kind of operation that does not depend on a database: the C# a generated
/// revision writes for it, whether it reverses, its dangers, whether an offline script can write it, and how it
/// changes the tables an offline script tracks. Each operation type declares its registration once, as a static
/// <c>Registration</c> member in its own file; <see cref="OperationRegistry"/> lists them all. The SQL is the
/// dialects' (each dialect's SQL generator says what it does with every kind, see <c>DdlGenerator.SupportFor</c>).
/// </summary>
public abstract class OperationRegistration
{
    private protected OperationRegistration(Type operationType) => OperationType = operationType;

    /// <summary>The operation type (for a generic operation type, the abstract type its instances derive from).</summary>
    public Type OperationType { get; }

    /// <summary>Whether the operation can be reversed; <see cref="ReverseNote"/> says what it needs, or why it cannot.</summary>
    public required Reversibility Reverse { get; init; }

    /// <summary>What the reverse is or needs, or why there is none.</summary>
    public required string ReverseNote { get; init; }

    /// <summary>Whether and how an offline SQL script writes the operation.</summary>
    public required OfflineSupport Offline { get; init; }

    /// <summary>Why a generated revision cannot write the operation as C#, or null when it can (see <see cref="WriteCSharp"/>).</summary>
    public string? NotWritableAsCSharp { get; init; }

    /// <summary>True when a generated revision can write the operation as C#.</summary>
    public abstract bool WritesCSharp { get; }

    /// <summary>The C# statement a revision writes for the operation (<c>op.AddColumn(…);</c>), or null when there is none.</summary>
    public abstract string? WriteCSharp(MigrationOperation operation);

    /// <summary>The operation's dangers, most serious first (none for most operations).</summary>
    public abstract IReadOnlyList<OperationDanger> DangersOf(MigrationOperation operation);

    /// <summary>Applies the operation to the tables an offline script tracks.</summary>
    public abstract void Track(MigrationOperation operation, TrackedSchema schema);

    /// <inheritdoc />
    public override string ToString() => OperationType.Name;
}

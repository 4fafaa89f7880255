namespace Retort.Operations;

/// <summary>The registration of one operation type, with what it says about the operation typed by it.</summary>
/// <typeparam name="TOperation">The operation type.</typeparam>
public sealed class OperationRegistration<TOperation> : OperationRegistration where TOperation : MigrationOperation
{
    /// <summary>Creates the registration; its members are set by an object initializer.</summary>
    public OperationRegistration() : base(typeof(TOperation)) { }

    /// <summary>
    /// The C# statement a revision writes for the operation, through the <c>op</c> facade (<c>op.AddColumn(…);</c>).
    /// Null when the operation has no C# form; <see cref="OperationRegistration.NotWritableAsCSharp"/> then says why.
    /// </summary>
    public Func<TOperation, string>? CSharp { get; init; }

    /// <summary>The operation's dangers (<see cref="OperationDanger.None"/> when it has none).</summary>
    public required Func<TOperation, IEnumerable<OperationDanger>> Dangers { get; init; }

    /// <summary>How the operation changes the tables an offline script tracks (<see cref="TrackedSchema.Unchanged"/> when it changes none).</summary>
    public required Action<TOperation, TrackedSchema> TrackSchema { get; init; }

    /// <inheritdoc />
    public override bool WritesCSharp => CSharp is not null;

    /// <inheritdoc />
    public override string? WriteCSharp(MigrationOperation operation) => CSharp?.Invoke(Cast(operation));

    /// <inheritdoc />
    public override IReadOnlyList<OperationDanger> DangersOf(MigrationOperation operation) => Dangers(Cast(operation)).ToList();

    /// <inheritdoc />
    public override void Track(MigrationOperation operation, TrackedSchema schema) => TrackSchema(Cast(operation), schema);

    private static TOperation Cast(MigrationOperation operation) => operation as TOperation
        ?? throw new ArgumentException($"The registration of {typeof(TOperation).Name} was given a {operation.GetType().Name}.", nameof(operation));
}

using Retort.Operations;

namespace Retort.Dialects;

/// <summary>
/// What one dialect does with one kind of operation, and how: every dialect declares this for every kind in
/// <see cref="OperationRegistry"/> (see <see cref="DdlGenerator.SupportFor"/>), so a kind a dialect does not handle is
/// refused with a clear error instead of being a silent gap.
/// </summary>
public sealed class OperationSupport
{
    private readonly Func<MigrationOperation, string>? _refusal;

    private OperationSupport(OperationSupportKind kind, string note, Func<MigrationOperation, string>? refusal = null)
    {
        Kind = kind;
        Note = note;
        _refusal = refusal;
    }

    /// <summary>What the dialect does with the kind.</summary>
    public OperationSupportKind Kind { get; }

    /// <summary>How it does it (the SQL it writes), or why it needs nothing or refuses.</summary>
    public string Note { get; }

    /// <summary>The generator's method for the kind writes its SQL; <paramref name="sql"/> says what it writes.</summary>
    public static OperationSupport Statements(string sql) => new(OperationSupportKind.Statements, sql);

    /// <summary>Compiled with its neighbours into other statements where the plain one cannot do it; <paramref name="how"/> says how.</summary>
    public static OperationSupport Compiled(string how) => new(OperationSupportKind.Compiled, how);

    /// <summary>No statement is needed; <paramref name="why"/> says why.</summary>
    public static OperationSupport Nothing(string why) => new(OperationSupportKind.Nothing, why);

    /// <summary>Run by the runner, not as SQL; <paramref name="how"/> says how.</summary>
    public static OperationSupport RunByRunner(string how) => new(OperationSupportKind.RunByRunner, how);

    /// <summary>Refused: <paramref name="why"/> says why, and <paramref name="error"/> writes the error for an operation of that kind.</summary>
    public static OperationSupport Refused<TOperation>(string why, Func<TOperation, string> error) where TOperation : MigrationOperation =>
        new(OperationSupportKind.Refused, why, operation => error((TOperation)operation));

    /// <summary>The error for an operation the dialect refuses.</summary>
    public string RefusalFor(MigrationOperation operation) =>
        _refusal?.Invoke(operation) ?? throw new InvalidOperationException($"'{Note}' is not a refusal.");

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Note}";
}

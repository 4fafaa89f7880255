using Retort.Migrations;

namespace DataBench;

/// <summary>A row of the source table.</summary>
public sealed class OldRow
{
    /// <summary>Key.</summary>
    public long Id { get; init; }

    /// <summary>100 characters of text.</summary>
    public string Data { get; init; } = "";
}

/// <summary>A row of the target table.</summary>
/// <param name="Id">Key.</param>
/// <param name="Data">The text, upper-cased.</param>
public sealed record NewRow(long Id, string Data);

/// <summary>The benchmark's one revision.</summary>
/// <param name="upgrade">Builds the plan.</param>
public sealed class BenchScript(Action<Op> upgrade) : IMigrationScript
{
    /// <inheritdoc />
    public void BuildUpgrade(Op op) => upgrade(op);

    /// <inheritdoc />
    public void BuildDowngrade(Op op) { }

    /// <inheritdoc />
    public string? IrreversibleReason => "benchmark";

    /// <inheritdoc />
    public string Source => "bench";
}

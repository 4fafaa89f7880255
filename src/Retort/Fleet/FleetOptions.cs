namespace Retort.Fleet;

/// <summary>How a fleet runs: parallelism, canary, waves, failures tolerated, and where its status table is.</summary>
public sealed record FleetOptions
{
    /// <summary>How many targets run at once (<c>-j N</c>); at least 1. Default 4.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>How many targets run first, alone, as a canary (<c>--canary N</c>): any failure among them stops the fleet. Default 0.</summary>
    public int Canary { get; init; }

    /// <summary>Waves after the canary (<c>--stage 1%,10%,100%</c>); each finishes before the next starts. Empty: one wave.</summary>
    public IReadOnlyList<FleetStage> Stages { get; init; } = [];

    /// <summary>
    /// Failures tolerated before the fleet stops starting targets (<c>--max-failures N</c>); targets already running
    /// finish. Default 0: the first failure stops the fleet.
    /// </summary>
    public int MaxFailures { get; init; }

    /// <summary>
    /// The status table's database (<c>--status</c>): a URL, or a SQLite file path (relative to the working folder). Null:
    /// the control database of a <see cref="FleetTargetSource.FromSql"/> source, else <c>retort-fleet.db</c> next to the
    /// environment's <c>retort.json</c>.
    /// </summary>
    public string? Status { get; init; }

    /// <summary>Refuses options that make no sense (a parallelism below 1, a negative count).</summary>
    /// <exception cref="FleetInputException">An option is out of range.</exception>
    public void Validate()
    {
        if (Parallelism < 1) throw new FleetInputException($"The parallelism -j {Parallelism} is not a number of targets to run at once. Give -j 1 or more (default 4).");
        if (Canary < 0) throw new FleetInputException($"--canary {Canary} is not a number of targets. Give 0 (no canary) or more.");
        if (MaxFailures < 0) throw new FleetInputException($"--max-failures {MaxFailures} is not a number of failures. Give 0 (stop at the first failure) or more.");
    }
}

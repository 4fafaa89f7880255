using Retort.Autogenerate;
using Retort.Migrations;

namespace Retort.Testing;

/// <summary>What <see cref="MigrationTester"/> checks.</summary>
public sealed record MigrationTestOptions
{
    /// <summary>How many heads the graph should have (1 unless the environment declares more).</summary>
    public int ExpectedHeads { get; init; } = 1;

    /// <summary>The target schema for the model-matches-database check, or null to skip it.</summary>
    public ITargetSchema? TargetSchema { get; init; }

    /// <summary>Fixtures by revision.</summary>
    public IReadOnlyList<RevisionFixture> Fixtures { get; init; } = [];

    /// <summary>Run the stairway and no-trace checks (upgrade, downgrade, upgrade again per revision).</summary>
    public bool Stairway { get; init; } = true;
}

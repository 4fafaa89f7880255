using Retort.Operations;

namespace Retort.Specification.Lint;

/// <summary>
/// What a rule must find and must not: the hazard as a C# operation and as SQL, and the safe form of each. The table
/// the hazard is on (<see cref="Table"/>) must appear in the finding's message, and nothing is found when the plan
/// created that table before (unless <see cref="FindsOnNewTables"/>: advice about types holds for new tables).
/// </summary>
public sealed record RuleCase(string Id, string Table)
{
    /// <summary>A C# operation with the hazard, or null for a rule about SQL only.</summary>
    public MigrationOperation? Operation { get; init; }

    /// <summary>SQL with the hazard (one or more statements), or null for a rule about operations only.</summary>
    public string? Sql { get; init; }

    /// <summary>The safe form as SQL, which the rule must not find.</summary>
    public string? SafeSql { get; init; }

    /// <summary>The safe form as an operation, which the rule must not find.</summary>
    public MigrationOperation? SafeOperation { get; init; }

    /// <summary>The server version the plan is linted for.</summary>
    public Version? ServerVersion { get; init; }

    /// <summary>True for a rule that also finds the hazard on a table the plan created (type advice).</summary>
    public bool FindsOnNewTables { get; init; }

    /// <summary>True when the SQL runs outside the transaction.</summary>
    public bool OutsideTransaction { get; init; }

    /// <inheritdoc />
    public override string ToString() => Id;
}

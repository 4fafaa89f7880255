namespace Retort.Environments;

/// <summary>What <see cref="EnvironmentScaffolder"/> writes into a new environment, composed by whoever creates it.</summary>
public sealed record ScaffoldOptions
{
    /// <summary>The config's database URL.</summary>
    public required string Url { get; init; }

    /// <summary>C# environments: the Retort packages the project references, in order (one line for each package).</summary>
    public IReadOnlyList<EnvironmentReference> References { get; init; } = [];

    /// <summary>C# environments: the project's <c>Program.cs</c> (how the environment runs itself); null for none.</summary>
    public string? ProgramSource { get; init; }
}

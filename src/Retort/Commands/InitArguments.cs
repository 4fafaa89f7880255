using Retort.Environments;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.Init"/> creates.</summary>
public sealed record InitArguments
{
    /// <summary>The folder to create the environment in (new or empty).</summary>
    public required string Directory { get; init; }

    /// <summary>A C# project with C# (and SQL) revisions, or SQL revisions only.</summary>
    public EnvironmentTemplate Template { get; init; } = EnvironmentTemplate.CSharp;

    /// <summary>The config's database URL; null for the first embedded dialect's example.</summary>
    public string? Url { get; init; }

    /// <summary>C# environments: packages the project references after Retort's own and the dialects' (a command line, a test library).</summary>
    public IReadOnlyList<EnvironmentReference> References { get; init; } = [];

    /// <summary>C# environments: the project's <c>Program.cs</c>; null writes none.</summary>
    public string? ProgramSource { get; init; }
}

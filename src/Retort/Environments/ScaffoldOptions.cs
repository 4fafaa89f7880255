namespace Retort.Environments;

/// <summary>What <see cref="EnvironmentScaffolder"/> writes into a new environment, composed by whoever creates it.</summary>
public sealed record ScaffoldOptions
{
    /// <summary>The config's database URL.</summary>
    public required string Url { get; init; }

    /// <summary>
    /// C# environments: the folder holding the referenced assemblies (overridable with the MSBuild property
    /// <c>RetortAssemblies</c>).
    /// </summary>
    public string RetortAssemblies { get; init; } = "";

    /// <summary>C# environments: the assemblies the project references, in order, and the packages they need.</summary>
    public IReadOnlyList<EnvironmentReference> References { get; init; } = [];

    /// <summary>C# environments: the project's <c>Program.cs</c> (how the environment runs itself); null for none.</summary>
    public string? ProgramSource { get; init; }
}

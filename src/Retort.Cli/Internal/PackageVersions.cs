namespace Retort.Cli.Internal;

/// <summary>The NuGet packages a generated C# environment needs next to the Retort assemblies, at the versions Retort is built with.</summary>
internal static class PackageVersions
{
    public static readonly IReadOnlyDictionary<string, string> ForEnvironment = new Dictionary<string, string>
    {
        ["Microsoft.Data.Sqlite"] = "10.0.15",
        ["Microsoft.Extensions.Logging.Abstractions"] = "10.0.15",
        ["System.CommandLine"] = "2.0.15",
        ["Spectre.Console"] = "0.57.2",
    };
}

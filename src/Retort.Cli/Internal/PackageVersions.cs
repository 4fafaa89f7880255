using System.Reflection;

namespace Retort.Cli.Internal;

/// <summary>
/// The NuGet packages a generated C# environment needs next to the Retort assemblies, at the versions Retort is
/// built with: the build stamps them from the central package versions into this assembly's metadata.
/// </summary>
internal static class PackageVersions
{
    public static readonly IReadOnlyDictionary<string, string> ForEnvironment =
        typeof(PackageVersions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith("PackageVersion:", StringComparison.Ordinal) && a.Value is not null)
            .ToDictionary(a => a.Key["PackageVersion:".Length..], a => a.Value!);
}

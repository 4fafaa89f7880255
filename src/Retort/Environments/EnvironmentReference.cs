using System.Reflection;

namespace Retort.Environments;

/// <summary>
/// One Retort package a new C# environment's project references, at a version, with the NuGet packages that package
/// depends on (a dialect's driver, a command line's parser), which a restore brings in with it.
/// </summary>
/// <param name="Package">The package id, which is the assembly's name for Retort's packages.</param>
/// <param name="Version">The package version (the assembly's informational version without build metadata).</param>
public sealed record EnvironmentReference(string Package, string Version)
{
    /// <summary>
    /// The prefix of the assembly metadata that names a package and its version
    /// (<c>[assembly: AssemblyMetadata("RetortEnvironmentPackage:Npgsql", "10.0.3")]</c>); Retort's libraries stamp it
    /// from their build's package versions.
    /// </summary>
    public const string PackageMetadataPrefix = "RetortEnvironmentPackage:";

    /// <summary>The packages this one depends on, by name and version, as its assembly's metadata names them.</summary>
    public IReadOnlyDictionary<string, string> Packages { get; init; } = new Dictionary<string, string>();

    /// <summary>The reference to the package of <paramref name="assembly"/>, at the version it was built as.</summary>
    public static EnvironmentReference FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var packages = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith(PackageMetadataPrefix, StringComparison.Ordinal) && a.Value is not null)
            .ToDictionary(a => a.Key[PackageMetadataPrefix.Length..], a => a.Value!);
        return new EnvironmentReference(assembly.GetName().Name!, PackageVersion(assembly)) { Packages = packages };
    }

    // The informational version is the package version (both come from the git tag), plus "+commit" build metadata
    // that a package reference does not take.
    private static string PackageVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] is { Length: > 0 } version
            ? version
            : assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";
}

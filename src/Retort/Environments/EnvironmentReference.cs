using System.Reflection;

namespace Retort.Environments;

/// <summary>
/// One assembly a new C# environment's project references, with the NuGet packages a project that references it
/// needs (a dialect's driver, a command line's parser).
/// </summary>
/// <param name="Assembly">The assembly's name (the project references <c>$(RetortAssemblies)/NAME.dll</c>).</param>
/// <param name="Packages">Package names and versions.</param>
public sealed record EnvironmentReference(string Assembly, IReadOnlyDictionary<string, string> Packages)
{
    /// <summary>
    /// The prefix of the assembly metadata that names a package and its version
    /// (<c>[assembly: AssemblyMetadata("RetortEnvironmentPackage:Npgsql", "10.0.3")]</c>); Retort's libraries stamp it
    /// from their build's package versions.
    /// </summary>
    public const string PackageMetadataPrefix = "RetortEnvironmentPackage:";

    /// <summary>The reference to <paramref name="assembly"/>, with the packages its metadata names.</summary>
    public static EnvironmentReference FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var packages = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith(PackageMetadataPrefix, StringComparison.Ordinal) && a.Value is not null)
            .ToDictionary(a => a.Key[PackageMetadataPrefix.Length..], a => a.Value!);
        return new EnvironmentReference(assembly.GetName().Name!, packages);
    }
}

using System.Reflection;
using System.Runtime.Loader;

namespace Retort.Cli.Environments;

/// <summary>
/// Loads a built migrations project next to the running host: assemblies the host already has (Retort itself, the
/// dialects, their drivers) are shared so revision classes derive from the host's <c>Migration</c>; anything else
/// comes from the project's output folder.
/// </summary>
internal sealed class EnvironmentLoadContext(string directory) : AssemblyLoadContext("retort-environment")
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        try
        {
            return Default.LoadFromAssemblyName(assemblyName);
        }
        catch (FileNotFoundException)
        {
            var path = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}

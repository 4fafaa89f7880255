using System.Reflection;
using System.Runtime.Loader;
using System.Security;
using System.Text;
using Retort.Environments;

namespace Retort.Specification.Cli;

/// <summary>
/// The Retort packages a project written by <c>retort init</c> references (at this build's version) are on no NuGet
/// feed during this repository's test runs. Every <see cref="TempDir"/> lies in one folder per test process whose
/// <c>Directory.Build.targets</c> swaps those package references for the assemblies the tests were built with, plus the
/// packages those assemblies depend on (their <c>RetortEnvironmentPackage</c> metadata). MSBuild imports the file for
/// any project below it, so the generated project stays exactly as a user gets it; the packed-feed test builds one
/// outside this folder, against the real packages.
/// </summary>
public static class LocalRetortBuild
{
    // The packages 'retort init' references.
    private static readonly string[] Packages = ["Retort", "Retort.Sqlite", "Retort.PostgreSql", "Retort.Cli", "Retort.Testing"];

    private static readonly Lazy<string> Root = new(CreateRoot, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding the override, created on first use and removed when the test process ends.</summary>
    public static string RootFolder => Root.Value;

    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "retort-tests-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), Targets());
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
        return root;
    }

    /// <summary>The override: for each Retort package, its assembly from this test run's build, and its dependencies.</summary>
    public static string Targets()
    {
        // The test's own output first; the tool's build also holds the dialects a test project may not reference.
        var folders = new List<string> { AppContext.BaseDirectory };
        try { folders.Add(Path.GetDirectoryName(NativeLikeTool.ToolPath())!); }
        catch (InvalidOperationException) { } // the tool is not built for this test project
        var sb = new StringBuilder("""
            <Project>
              <!-- Written by the tests: Retort's packages replaced by the assemblies of the build under test. -->

            """);
        foreach (var package in Packages)
        {
            var path = folders.Select(f => Path.Combine(f, package + ".dll")).FirstOrDefault(File.Exists);
            if (path is null) continue;
            var id = SecurityElement.Escape(package);
            // Only in a project that references the package: any other project below the folder is left alone.
            sb.Append($"""
                  <ItemGroup Condition="'@(PackageReference->AnyHaveMetadataValue('Identity', '{id}'))' == 'True'">
                    <PackageReference Remove="{id}" />
                    <Reference Include="{id}" HintPath="{SecurityElement.Escape(path)}" />

                """);
            foreach (var (name, version) in DependenciesOf(path).OrderBy(d => d.Key, StringComparer.Ordinal))
                sb.Append($"""
                        <PackageReference Remove="{SecurityElement.Escape(name)}" />
                        <PackageReference Include="{SecurityElement.Escape(name)}" Version="{SecurityElement.Escape(version)}" />

                    """);
            sb.Append("  </ItemGroup>\n");
        }
        sb.Append("</Project>\n");
        return sb.ToString();
    }

    // Read in a context of its own that is dropped afterwards: only the metadata is needed, not the assembly's code.
    private static Dictionary<string, string> DependenciesOf(string path)
    {
        var context = new AssemblyLoadContext("retort-metadata", isCollectible: true);
        try
        {
            return context.LoadFromAssemblyPath(path).GetCustomAttributesData()
                .Where(a => a.AttributeType.FullName == typeof(AssemblyMetadataAttribute).FullName && a.ConstructorArguments.Count == 2)
                .Select(a => (Key: a.ConstructorArguments[0].Value as string, Value: a.ConstructorArguments[1].Value as string))
                .Where(a => a.Key?.StartsWith(EnvironmentReference.PackageMetadataPrefix, StringComparison.Ordinal) == true && a.Value is not null)
                .ToDictionary(a => a.Key![EnvironmentReference.PackageMetadataPrefix.Length..], a => a.Value!);
        }
        finally
        {
            context.Unload();
        }
    }
}

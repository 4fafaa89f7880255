using System.Security;
using System.Text;

namespace Retort.Environments;

/// <summary>Creates a new migrations environment on disk (what <c>retort init</c> does).</summary>
public static class EnvironmentScaffolder
{
    /// <summary>
    /// Creates the environment in <paramref name="directory"/>, which must not exist or be empty. A C# environment's
    /// project references the packages of <see cref="ScaffoldOptions.References"/> by <c>PackageReference</c>, so it
    /// builds on any machine whose NuGet sources hold them; their own dependencies come with them.
    /// </summary>
    /// <returns>The files written, relative to <paramref name="directory"/>.</returns>
    public static IReadOnlyList<string> Create(string directory, EnvironmentTemplate template, ScaffoldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dir = Path.GetFullPath(directory);
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new RetortException($"Directory {directory} already exists and is not empty. Pick a new directory for the migrations environment.");
        if (File.Exists(dir))
            throw new RetortException($"{directory} is a file. Pick a new directory for the migrations environment.");
        Directory.CreateDirectory(Path.Combine(dir, "Revisions"));
        var name = ProjectName(Path.GetFileName(dir));
        var files = new Dictionary<string, string>();
        if (template == EnvironmentTemplate.CSharp)
        {
            new EnvironmentConfig { Url = options.Url, Project = name + ".csproj", Namespace = name + ".Revisions" }
                .Save(Path.Combine(dir, EnvironmentConfig.FileName));
            files[name + ".csproj"] = Project(options.References);
            if (options.ProgramSource is { } program) files["Program.cs"] = program;
            files["Revisions/.gitkeep"] = "";
        }
        else
        {
            new EnvironmentConfig { Url = options.Url }.Save(Path.Combine(dir, EnvironmentConfig.FileName));
            files["Revisions/.gitkeep"] = "";
        }
        files[".gitignore"] = "bin/\nobj/\n*.db\n*.db-journal\n";
        files["README.md"] = Readme(name, template);
        foreach (var (file, text) in files)
            File.WriteAllText(Path.Combine(dir, file), text);
        return [EnvironmentConfig.FileName, .. files.Keys];
    }

    private static string ProjectName(string folder)
    {
        var parts = new string(folder.Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ');
        var name = string.Concat(parts.Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return name.Length == 0 || char.IsDigit(name[0]) ? "Migrations" + name : name;
    }

    private static string Project(IReadOnlyList<EnvironmentReference> references)
    {
        // One version for all of Retort's packages (they are released together), the highest any reference names.
        var version = references.Select(r => r.Version).Aggregate((string?)null, (a, b) => a is null || CompareVersions(b, a) > 0 ? b : a);
        var sb = new StringBuilder();
        sb.Append("""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
                <!-- A migration run is a short process: Tiered PGO's instrumented re-JIT costs more than it returns. -->
                <TieredPGO>false</TieredPGO>

            """);
        if (version is not null)
            sb.Append($"""
                    <!-- The version of the retort tool that wrote this project: keep the two in step (dotnet tool update Retort.Tool). -->
                    <RetortVersion>{SecurityElement.Escape(version)}</RetortVersion>

                """);
        sb.Append("""
              </PropertyGroup>
              <ItemGroup>

            """);
        foreach (var package in references.Select(r => r.Package).Distinct(StringComparer.OrdinalIgnoreCase))
            sb.Append($"    <PackageReference Include=\"{SecurityElement.Escape(package)}\" Version=\"$(RetortVersion)\" />\n");
        sb.Append("""
              </ItemGroup>
              <ItemGroup>
                <!-- Lets the built program find this folder's retort.json and .sql revisions when run from elsewhere. -->
                <AssemblyMetadata Include="RetortEnvironmentDirectory" Value="$(MSBuildProjectDirectory)" />
                <None Update="retort.json" CopyToOutputDirectory="PreserveNewest" />
                <None Update="Revisions/**/*.sql" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>

            """);
        return sb.ToString();
    }

    private static int CompareVersions(string a, string b) =>
        Version.TryParse(a.Split('-', '+')[0], out var x) && Version.TryParse(b.Split('-', '+')[0], out var y) && x != y
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);

    private static string Readme(string name, EnvironmentTemplate template) => template == EnvironmentTemplate.CSharp
        ? $"""
            # {name}: a Retort migrations environment

            - `retort.json`: the database URL and where revisions live. `--url` or `RETORT_URL` override the URL.
            - `Revisions/`: one file per revision, C# classes (`retort revision -m "..."`) or `.sql` files
              (`retort revision --format sql -m "..."`).
            - `{name}.csproj` and `Program.cs`: the project that compiles the C# revisions. `retort` builds it when a
              source changed; a deploy job can run it without the tool: `dotnet run -- upgrade head`. It references
              the Retort packages at `RetortVersion`, the version of the tool that wrote it: after `dotnet tool update
              Retort.Tool`, set it to the new version.

            Common commands: `retort upgrade head`, `retort downgrade -1`, `retort current`, `retort history`,
            `retort upgrade head --sql` (print the SQL instead of running it).

            """
        : $"""
            # {name}: a Retort migrations environment (SQL only)

            - `retort.json`: the database URL and where revisions live. `--url` or `RETORT_URL` override the URL.
            - `Revisions/`: one `.sql` file per revision (`retort revision -m "..."`), with a `-- retort:upgrade`
              section and an optional `-- retort:downgrade` section. Nothing to build.

            Common commands: `retort upgrade head`, `retort downgrade -1`, `retort current`, `retort history`,
            `retort upgrade head --sql` (print the SQL instead of running it).

            """;
}

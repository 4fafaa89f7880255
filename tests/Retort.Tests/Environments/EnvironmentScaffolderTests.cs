using Retort.Environments;

namespace Retort.Tests.Environments;

/// <summary>
/// The scaffolder writes what it is given: the project of a new C# environment names no dialect or front end of its
/// own; it references the Retort packages 'retort init' gathers (core, dialects, command line, tests) by
/// <c>PackageReference</c> at one version, and no path of the machine that wrote it.
/// </summary>
public sealed class EnvironmentScaffolderTests
{
    private static EnvironmentReference Reference(string package, string version = "1.4.0-beta.2", params (string Package, string Version)[] packages) =>
        new(package, version) { Packages = packages.ToDictionary(p => p.Package, p => p.Version) };

    [Fact]
    public void The_project_is_composed_from_the_references_given()
    {
        var dir = Path.Combine(Path.GetTempPath(), "retort-scaffold-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            var files = EnvironmentScaffolder.Create(Path.Combine(dir, "my-migrations"), EnvironmentTemplate.CSharp, new ScaffoldOptions
            {
                Url = "sqlite:///app.db",
                References =
                [
                    Reference("Retort", packages: ("Microsoft.Extensions.Logging.Abstractions", "10.0.15")),
                    Reference("Retort.Sqlite", packages: ("Microsoft.Data.Sqlite", "10.0.15")),
                    Reference("Retort.PostgreSql", packages: ("Npgsql", "10.0.3")),
                    Reference("Retort.Cli", packages: [("System.CommandLine", "2.0.15"), ("Spectre.Console", "0.57.2")]),
                    Reference("Retort.Testing"),
                ],
                ProgramSource = "return 0;\n",
            });
            var env = Path.Combine(dir, "my-migrations");
            Assert.Equal(["retort.json", "MyMigrations.csproj", "Program.cs", "Revisions/.gitkeep", ".gitignore", "README.md"], files);
            Assert.Equal(ExpectedProject, File.ReadAllText(Path.Combine(env, "MyMigrations.csproj")));
            Assert.Equal("return 0;\n", File.ReadAllText(Path.Combine(env, "Program.cs")));
            var config = EnvironmentConfig.Load(Path.Combine(env, "retort.json"));
            Assert.Equal("sqlite:///app.db", config.Url);
            Assert.Equal("MyMigrations.csproj", config.Project);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Every_package_is_referenced_once_at_the_highest_version_given()
    {
        var dir = Path.Combine(Path.GetTempPath(), "retort-scaffold-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            EnvironmentScaffolder.Create(dir, EnvironmentTemplate.CSharp, new ScaffoldOptions
            {
                Url = "x://y",
                References = [Reference("A", "1.10.0"), Reference("B", "1.9.3"), Reference("a", "1.2.0")],
            });
            var project = File.ReadAllText(Directory.GetFiles(dir, "*.csproj").Single());
            Assert.Contains("<RetortVersion>1.10.0</RetortVersion>", project);
            Assert.Single(project.Split('\n'), l => l.Contains("PackageReference Include=\"A\"", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("<PackageReference Include=\"B\" Version=\"$(RetortVersion)\" />", project);
            Assert.False(File.Exists(Path.Combine(dir, "Program.cs")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    // Packages only: the project restores and builds on any machine whose NuGet sources hold them. Their own
    // dependencies (drivers, the command line's parser) come with them.
    private const string ExpectedProject = """
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
            <!-- The version of the retort tool that wrote this project: keep the two in step (dotnet tool update Retort.Tool). -->
            <RetortVersion>1.4.0-beta.2</RetortVersion>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Retort" Version="$(RetortVersion)" />
            <PackageReference Include="Retort.Sqlite" Version="$(RetortVersion)" />
            <PackageReference Include="Retort.PostgreSql" Version="$(RetortVersion)" />
            <PackageReference Include="Retort.Cli" Version="$(RetortVersion)" />
            <PackageReference Include="Retort.Testing" Version="$(RetortVersion)" />
          </ItemGroup>
          <ItemGroup>
            <!-- Lets the built program find this folder's retort.json and .sql revisions when run from elsewhere. -->
            <AssemblyMetadata Include="RetortEnvironmentDirectory" Value="$(MSBuildProjectDirectory)" />
            <None Update="retort.json" CopyToOutputDirectory="PreserveNewest" />
            <None Update="Revisions/**/*.sql" CopyToOutputDirectory="PreserveNewest" />
          </ItemGroup>
        </Project>

        """;
}

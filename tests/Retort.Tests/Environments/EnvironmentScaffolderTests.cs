using Retort.Environments;

namespace Retort.Tests.Environments;

/// <summary>
/// The scaffolder writes what it is given: the project of a new C# environment names no dialect or front end of its
/// own, and for the references 'retort init' gathers (core, dialects, command line, tests) it is the project 'retort
/// init' always wrote, except the comment that used to name three of the assemblies.
/// </summary>
public sealed class EnvironmentScaffolderTests
{
    private static EnvironmentReference Reference(string assembly, params (string Package, string Version)[] packages) =>
        new(assembly, packages.ToDictionary(p => p.Package, p => p.Version));

    [Fact]
    public void The_project_is_composed_from_the_references_given()
    {
        var dir = Path.Combine(Path.GetTempPath(), "retort-scaffold-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            var files = EnvironmentScaffolder.Create(Path.Combine(dir, "my-migrations"), EnvironmentTemplate.CSharp, new ScaffoldOptions
            {
                Url = "sqlite:///app.db",
                RetortAssemblies = "/opt/retort & co",
                References =
                [
                    Reference("Retort", ("Microsoft.Extensions.Logging.Abstractions", "10.0.15")),
                    Reference("Retort.Sqlite", ("Microsoft.Data.Sqlite", "10.0.15")),
                    Reference("Retort.PostgreSql", ("Npgsql", "10.0.3")),
                    Reference("Retort.Cli", ("System.CommandLine", "2.0.15"), ("Spectre.Console", "0.57.2")),
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
    public void Two_references_that_need_one_package_get_one_line_at_the_higher_version()
    {
        var dir = Path.Combine(Path.GetTempPath(), "retort-scaffold-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            EnvironmentScaffolder.Create(dir, EnvironmentTemplate.CSharp, new ScaffoldOptions
            {
                Url = "x://y",
                References = [Reference("A", ("P", "9.0.10")), Reference("B", ("P", "10.0.1"))],
            });
            var project = File.ReadAllText(Directory.GetFiles(dir, "*.csproj").Single());
            Assert.Single(project.Split('\n'), l => l.Contains("PackageReference Include=\"P\""));
            Assert.Contains("<PackageReference Include=\"P\" Version=\"10.0.1\" />", project);
            Assert.False(File.Exists(Path.Combine(dir, "Program.cs")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    // What 'retort init' wrote before dialects and front ends contributed their own parts, but for the comment.
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
            <!-- The folder holding the Retort assemblies referenced below (the retort tool's folder by default).
                 Override with: dotnet build -p:RetortAssemblies=/path/to/assemblies -->
            <RetortAssemblies Condition="'$(RetortAssemblies)' == ''">/opt/retort &amp; co</RetortAssemblies>
          </PropertyGroup>
          <ItemGroup>
            <Reference Include="Retort" HintPath="$(RetortAssemblies)/Retort.dll" />
            <Reference Include="Retort.Sqlite" HintPath="$(RetortAssemblies)/Retort.Sqlite.dll" />
            <Reference Include="Retort.PostgreSql" HintPath="$(RetortAssemblies)/Retort.PostgreSql.dll" />
            <Reference Include="Retort.Cli" HintPath="$(RetortAssemblies)/Retort.Cli.dll" />
            <Reference Include="Retort.Testing" HintPath="$(RetortAssemblies)/Retort.Testing.dll" />
            <PackageReference Include="Microsoft.Data.Sqlite" Version="10.0.15" />
            <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="10.0.15" />
            <PackageReference Include="Npgsql" Version="10.0.3" />
            <PackageReference Include="Spectre.Console" Version="0.57.2" />
            <PackageReference Include="System.CommandLine" Version="2.0.15" />
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

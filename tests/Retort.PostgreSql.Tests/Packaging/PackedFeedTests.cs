using System.IO.Compression;
using System.Reflection.Metadata;
using System.Xml.Linq;
using Npgsql;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Cli;

namespace Retort.PostgreSql.Tests.Packaging;

/// <summary>
/// Retort adopted as a team adopts a library, from the packed feed only (<see cref="PackedFeed"/>): the packages carry
/// licence, readme, symbols and version; a new console app references them by PackageReference and migrates a SQLite
/// file and a PostgreSQL database; the tool installed from the feed as a local tool runs a new environment.
/// </summary>
public sealed class PackedFeedTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    [Fact]
    public void Every_package_is_packed_without_warnings_with_licence_readme_version_and_symbols_with_sources()
    {
        Assert.True(feed.Pack.ExitCode == 0, feed.Pack.ToString());
        Assert.DoesNotContain("warning", feed.Pack.Out + feed.Pack.Error, StringComparison.OrdinalIgnoreCase);
        foreach (var package in PackedFeed.Packages)
        {
            using var nupkg = ZipFile.OpenRead(Path.Combine(feed.Feed, $"{package}.{feed.Version}.nupkg"));
            var nuspec = XDocument.Load(nupkg.GetEntry(package + ".nuspec")!.Open());
            var ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal(feed.Version, metadata.Element(ns + "version")!.Value);
            Assert.Equal("Retort contributors", metadata.Element(ns + "authors")!.Value);
            Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
            Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
            Assert.Equal("git", metadata.Element(ns + "repository")!.Attribute("type")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
            Assert.Contains("migrations", metadata.Element(ns + "tags")!.Value);
            Assert.Contains("# Retort", new StreamReader(nupkg.GetEntry("README.md")!.Open()).ReadToEnd());

            // The symbols package holds the portable PDB, with the sources in it, so a debugger steps into Retort.
            using var snupkg = ZipFile.OpenRead(Path.Combine(feed.Feed, $"{package}.{feed.Version}.snupkg"));
            var pdbEntry = snupkg.Entries.Single(e => e.Name == package + ".pdb");
            using var pdb = new MemoryStream();
            using (var s = pdbEntry.Open()) s.CopyTo(pdb);
            pdb.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
            var reader = provider.GetMetadataReader();
            var embedded = reader.CustomDebugInformation.Count(h => reader.GetGuid(reader.GetCustomDebugInformation(h).Kind) == EmbeddedSource);
            Assert.True(embedded > 0, $"{package}.pdb embeds no source file");
        }
    }

    [PgFact]
    public async Task A_new_console_app_references_the_packages_and_migrates_sqlite_and_postgresql()
    {
        var app = Path.Combine(feed.Root, "ConsoleApp");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "ConsoleApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Retort.Sqlite" Version="{feed.Version}" />
                <PackageReference Include="Retort.PostgreSql" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Retort.Connections;
            using Retort.Migrations;
            using Retort.Runner;
            using Retort.Schema;

            foreach (var url in args)
            {
                await using var db = Database.Open(url);
                var migrator = new Migrator(db, RevisionSet.FromAssemblies(typeof(CreateNote).Assembly));
                await migrator.UpgradeAsync("head");
                Console.WriteLine("migrated " + url.Split(':')[0]);
            }

            [Revision("a1b2c3d4e5f6", Message = "create note")]
            public sealed class CreateNote : Migration
            {
                public override void Upgrade(Op op) =>
                    op.CreateTable("note", new Column("id", SqlType.Integer, primaryKey: true), new Column("body", SqlType.String(200)));
            }
            """);
        await using var pg = await PgDatabase.CreateAsync();
        var sqliteFile = Path.Combine(app, "app.db");

        var run = await CliRunner.ProcessAsync(app, "dotnet", "run", "--", "sqlite:///app.db", pg.Url);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("migrated sqlite", run.Out);
        Assert.Contains("migrated postgresql", run.Out);
        // The packages came from the feed, at this run's version, not from a project reference or another source.
        var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains($"\"Retort.Sqlite/{feed.Version}\"", assets);
        Assert.Contains($"\"Retort/{feed.Version}\"", assets);

        var sqlite = await CliRunner.ProcessAsync(app, "sqlite3", sqliteFile, "SELECT version_num FROM retort_version; SELECT name FROM sqlite_master WHERE name = 'note';");
        Assert.True(sqlite.ExitCode == 0, sqlite.ToString());
        Assert.Equal("a1b2c3d4e5f6\nnote", sqlite.Out.Trim().ReplaceLineEndings("\n"));
        await using var connection = await pg.ConnectAsync();
        await using var query = new NpgsqlCommand("SELECT version_num FROM retort_version WHERE to_regclass('note') IS NOT NULL", connection);
        Assert.Equal("a1b2c3d4e5f6", await query.ExecuteScalarAsync());
    }

    [PgFact]
    public async Task A_new_web_app_references_the_hosting_package_and_migrates_on_start_on_sqlite_and_postgresql_also_as_a_single_file()
    {
        var app = Path.Combine(feed.Root, "WebApp");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "WebApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Retort.Hosting" Version="{feed.Version}" />
                <PackageReference Include="Retort.Sqlite" Version="{feed.Version}" />
                <PackageReference Include="Retort.PostgreSql" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        // The app a team writes from docs/aspnet-core.md: dialects registered, options from configuration (here the
        // command line), migrate-on-start, the health check; it starts, asks its own health endpoint, and stops.
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Microsoft.AspNetCore.Hosting.Server;
            using Microsoft.AspNetCore.Hosting.Server.Features;
            using Retort.Migrations;
            using Retort.PostgreSql;
            using Retort.Schema;
            using Retort.Sqlite;

            SqliteDialect.Register();
            PostgreSqlDialect.Register();
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddRetort().UseRevisionsFrom(typeof(CreateNote).Assembly).MigrateOnStart();
            builder.Services.AddHealthChecks().AddRetort();
            var app = builder.Build();
            app.MapHealthChecks("/health");
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient();
            Console.WriteLine("health: " + await http.GetStringAsync(address + "/health"));
            await app.StopAsync();

            [Revision("b1c2d3e4f5a6", Message = "create note")]
            public sealed class CreateNote : Migration
            {
                public override void Upgrade(Op op) =>
                    op.CreateTable("note", new Column("id", SqlType.Integer, primaryKey: true), new Column("body", SqlType.String(200)));
            }
            """);
        await using var pg = await PgDatabase.CreateAsync();
        await OkAsync(app, "dotnet", "build", "-v", "q", "-nologo");
        foreach (var url in new[] { "sqlite:///web.db", pg.Url })
        {
            var run = await CliRunner.ProcessAsync(app, "dotnet", "run", "--no-build", "--", "--Retort:Url", url);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("health: Healthy", run.Out);
        }
        var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains($"\"Retort.Hosting/{feed.Version}\"", assets);

        // The same app published as one file (the Retort assemblies inside it, none beside it to scan for): the explicit
        // registration finds the dialects, and it migrates a new SQLite file.
        var single = Path.Combine(app, "single");
        await OkAsync(app, "dotnet", "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishSingleFile=true", "-o", single, "-v", "q", "-nologo");
        Assert.Empty(Directory.GetFiles(single, "Retort*.dll"));
        var published = await CliRunner.ProcessAsync(single, Path.Combine(single, "WebApp"), "--Retort:Url", "sqlite:///single.db");
        Assert.True(published.ExitCode == 0, published.ToString());
        Assert.Contains("health: Healthy", published.Out);

        var sqlite = await CliRunner.ProcessAsync(app, "sqlite3", Path.Combine(app, "web.db"), "SELECT version_num FROM retort_version; SELECT name FROM sqlite_master WHERE name = 'note';");
        Assert.True(sqlite.ExitCode == 0, sqlite.ToString());
        Assert.Equal("b1c2d3e4f5a6\nnote", sqlite.Out.Trim().ReplaceLineEndings("\n"));
        await using var connection = await pg.ConnectAsync();
        await using var query = new NpgsqlCommand("SELECT version_num FROM retort_version WHERE to_regclass('note') IS NOT NULL", connection);
        Assert.Equal("b1c2d3e4f5a6", await query.ExecuteScalarAsync());
    }

    [PgFact]
    public async Task The_tool_from_the_feed_as_a_local_tool_creates_and_upgrades_a_new_environment()
    {
        // The local tool manifest route of docs/cli.md, in a new folder below the feed's nuget.config.
        var repo = Path.Combine(feed.Root, "team-repo");
        Directory.CreateDirectory(repo);
        await OkAsync(repo, "dotnet", "new", "tool-manifest");
        // dotnet-tools.json at the top of the folder (the SDKs before .NET 10 wrote .config/dotnet-tools.json).
        var manifest = Directory.GetFiles(repo, "dotnet-tools.json", SearchOption.AllDirectories).Single();
        await OkAsync(repo, "dotnet", "tool", "install", "Retort.Tool", "--version", feed.Version, "--tool-manifest", manifest, "--add-source", feed.Feed);
        Assert.Equal(feed.Version, (await OkAsync(repo, "dotnet", "retort", "--version")).Trim().Split('+')[0]);
        Assert.Contains("retort [command] [options]", await OkAsync(repo, "dotnet", "retort", "--help"));

        await OkAsync(repo, "dotnet", "retort", "init", "migrations");
        var env = Path.Combine(repo, "migrations");
        var project = File.ReadAllText(Path.Combine(env, "Migrations.csproj"));
        Assert.Contains($"<RetortVersion>{feed.Version}</RetortVersion>", project);
        Assert.DoesNotContain("HintPath", project);

        var revision = await OkAsync(env, "dotnet", "retort", "revision", "-m", "create t");
        Assert.Contains("Building", revision);
        var file = Directory.GetFiles(Path.Combine(env, "Revisions"), "*.cs").Single();
        var id = Path.GetFileName(file)[..12];
        File.WriteAllText(file, File.ReadAllText(file).Replace("public override void Upgrade(Op op)\n    {\n    }",
            "public override void Upgrade(Op op)\n    {\n        op.CreateTable(\"t\", new Column(\"id\", SqlType.Integer, primaryKey: true));\n    }"));
        var upgrade = await OkAsync(env, "dotnet", "retort", "upgrade", "head");
        Assert.Contains($"Running upgrade <base> -> {id}, create t ... done", upgrade);
        Assert.StartsWith(id, await OkAsync(env, "dotnet", "retort", "current"));
    }

    private static async Task<string> OkAsync(string directory, string fileName, params string[] args)
    {
        var result = await CliRunner.ProcessAsync(directory, fileName, args);
        Assert.True(result.ExitCode == 0, $"{fileName} {string.Join(' ', args)} failed: {result}");
        return result.Out;
    }
}

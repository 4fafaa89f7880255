using System.Diagnostics;
using System.Text.RegularExpressions;
using Retort.Connections;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Cli;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// Retort in published programs, run as on a server without the .NET SDK (no dotnet on PATH, no DOTNET_ROOT): an app
/// published single-file, trimmed and self-contained that registers its dialects (tests/Retort.PublishedApp), and
/// <c>retort bundle</c> of a C# environment and of a SQL-only one. The three publishes are slow, so they are made once,
/// side by side, by <see cref="PublishFixture"/>.
/// </summary>
public sealed partial class PublishTests(PublishTests.PublishFixture published) : IClassFixture<PublishTests.PublishFixture>
{
    [PgFact]
    public async Task Trimmed_single_file_app_migrates_sqlite_and_postgresql_with_no_trimming_warning_from_retort()
    {
        Assert.True(published.App.ExitCode == 0, "publish failed:\n" + published.App);
        var fromRetort = published.App.ToString().Split('\n').Where(l => TrimWarning().IsMatch(l) && l.Contains("Retort", StringComparison.Ordinal)).ToList();
        Assert.True(fromRetort.Count == 0, "trimming or AOT warnings from Retort:\n" + string.Join('\n', fromRetort));

        using var server = new TempDir();
        var app = Copy(published.AppPath, server.Path);
        await using var pg = await PgDatabase.CreateAsync();
        var sqlite = "sqlite:///" + server["app.db"];
        var run = await RunAsync(server.Path, app, sqlite, pg.Url);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("sqlite at b2c3d4e5f6a1: accounts(id,name,email)", run.Out);
        Assert.Contains("postgresql at b2c3d4e5f6a1: accounts(id,name,email)", run.Out);
        Assert.Equal(["email", "id", "name"], await ColumnsAsync(sqlite, "accounts"));
        Assert.Equal(["email", "id", "name"], await ColumnsAsync(pg.Url, "accounts"));

        // An app that does not register: the dialects' assemblies are inside the file, so nothing finds them, and the
        // error says how to register.
        var unregistered = await RunAsync(server.Path, app, "--no-register", "sqlite:///" + server["other.db"]);
        Assert.Equal(1, unregistered.ExitCode);
        Assert.Contains("No Retort dialect handles 'sqlite'", unregistered.Error);
        Assert.Contains("SqliteDialect.Register()", unregistered.Error);
        Assert.False(File.Exists(server["other.db"]));
    }

    [PgFact]
    public Task Bundle_of_a_csharp_environment_runs_its_csharp_and_sql_revisions_without_the_sdk() =>
        AssertBundleAsync(published.CSharpBundle, published.CSharpBundlePath, ["c0ffee000001", "c0ffee000002"], [("users", ["id", "name"]), ("audit", ["id", "note"])]);

    [PgFact]
    public Task Bundle_of_a_sql_environment_runs_without_the_sdk() =>
        AssertBundleAsync(published.SqlBundle, published.SqlBundlePath, [published.SqlRevision], [("items", ["id", "title"])]);

    private static async Task AssertBundleAsync(CliResult bundled, string bundle, string[] ids, (string Table, string[] Columns)[] tables)
    {
        Assert.True(bundled.ExitCode == 0, "retort bundle failed:\n" + bundled);
        Assert.Contains("Bundled ", bundled.Out);
        using var server = new TempDir();
        // Copied alone to another folder: the config and revisions travel inside it.
        var exe = Copy(bundle, server.Path);
        var head = ids[^1];
        await using var pg = await PgDatabase.CreateAsync();
        foreach (var url in new[] { "sqlite:///" + server["db.sqlite"], pg.Url })
        {
            var upgrade = await RunAsync(server.Path, exe, "upgrade", "head", "--url", url);
            Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
            foreach (var id in ids) Assert.Contains($"-> {id}", upgrade.Out);
            foreach (var (table, columns) in tables) Assert.Equal(columns.Order(StringComparer.Ordinal), await ColumnsAsync(url, table));

            var current = await RunAsync(server.Path, exe, "current", "--url", url);
            Assert.True(current.ExitCode == 0, current.ToString());
            Assert.StartsWith(head, current.Out);
            var history = await RunAsync(server.Path, exe, "history", "--url", url);
            Assert.True(history.ExitCode == 0, history.ToString());
            foreach (var id in ids) Assert.Contains(id, history.Out);
            var again = await RunAsync(server.Path, exe, "upgrade", "head", "--url", url);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Contains("Nothing to do", again.Out);
            var bad = await RunAsync(server.Path, exe, "upgrade", "nope", "--url", url);
            Assert.Equal(1, bad.ExitCode);
            Assert.StartsWith("error: No revision matches 'nope'", bad.Error);

            var downgrade = await RunAsync(server.Path, exe, "downgrade", "base", "--url", url);
            Assert.True(downgrade.ExitCode == 0, downgrade.ToString());
            foreach (var (table, _) in tables) Assert.Empty(await ColumnsAsync(url, table));
        }
        // A bundle cannot take new revisions: they belong in the environment it was made from.
        var revision = await RunAsync(server.Path, exe, "revision", "-m", "more");
        Assert.Equal(1, revision.ExitCode);
        Assert.Contains("bundled into its program", revision.Error);
        Assert.Equal(new[] { Path.GetFileName(exe), "db.sqlite", "home" }.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(server.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static string Copy(string file, string folder)
    {
        var target = Path.Combine(folder, Path.GetFileName(file));
        File.Copy(file, target); // with its mode: executable
        return target;
    }

    private static async Task<string[]> ColumnsAsync(string url, string table)
    {
        await using var db = Database.Open(url);
        return (await db.ReflectTableAsync(table))?.Columns.Select(c => c.Name).Order(StringComparer.Ordinal).ToArray() ?? [];
    }

    /// <summary>
    /// Runs a published program as on a server without the SDK: an environment holding only HOME (where a single-file
    /// program unpacks its native libraries) and a PATH with no dotnet on it.
    /// </summary>
    private static async Task<CliResult> RunAsync(string folder, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Clear();
        var home = Path.Combine(folder, "home");
        Directory.CreateDirectory(home);
        start.Environment["HOME"] = home;
        start.Environment["PATH"] = home;
        var (code, output, error) = await TestProcess.RunAsync(start, TimeSpan.FromMinutes(2));
        return new CliResult(code, output, error);
    }

    [GeneratedRegex(@"\b(warning|error) IL[23]\d{3}\b")]
    private static partial Regex TrimWarning();

    /// <summary>
    /// Publishes the app (single-file with SQLite's native library inside, trimmed, self-contained, for this machine) and bundles a C# and a SQL-only
    /// environment with <c>retort bundle</c>, all three at once.
    /// </summary>
    public sealed class PublishFixture : IAsyncLifetime
    {
        private readonly TempDir _dir = new();

        public CliResult App { get; private set; } = null!;

        public string AppPath => _dir["app/Retort.PublishedApp"];

        public CliResult CSharpBundle { get; private set; } = null!;

        public string CSharpBundlePath => _dir["bundles/csharp-bundle"];

        public CliResult SqlBundle { get; private set; } = null!;

        public string SqlBundlePath => _dir["bundles/sql-bundle"];

        public string SqlRevision { get; private set; } = "";

        public async Task InitializeAsync()
        {
            // Environments first (quick, in-process), then the three publishes side by side.
            var csharp = await CSharpEnvironmentAsync();
            var sql = await SqlEnvironment.InitAsync(_dir);
            SqlRevision = await SqlEnvironment.RevisionAsync(sql, "create items",
                "CREATE TABLE items (id INTEGER PRIMARY KEY, title VARCHAR(100));", "DROP TABLE items;");
            var app = PublishAppAsync();
            var csharpBundle = CliRunner.RunAsync(csharp, "bundle", "--output", CSharpBundlePath);
            var sqlBundle = CliRunner.RunAsync(sql, "bundle", "-o", SqlBundlePath, "--self-contained", "true");
            App = await app;
            CSharpBundle = await csharpBundle;
            SqlBundle = await sqlBundle;
        }

        private async Task<string> CSharpEnvironmentAsync()
        {
            await CliRunner.OkAsync(_dir.Path, "init", "csenv");
            var env = _dir["csenv"];
            // A C# revision and a .sql one on top of it.
            File.WriteAllText(Path.Combine(env, "Revisions", "c0ffee000001_create_users.cs"), """
                using Retort.Migrations;
                using Retort.Schema;

                namespace Csenv.Revisions;

                [Revision("c0ffee000001", Message = "create users")]
                public sealed class CreateUsers : Migration
                {
                    public override void Upgrade(Op op) =>
                        op.CreateTable("users", new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.String(100)));
                }
                """);
            File.WriteAllText(Path.Combine(env, "Revisions", "c0ffee000002_create_audit.sql"), """
                -- retort:revision c0ffee000002
                -- retort:down-revision c0ffee000001
                -- retort:message create audit
                -- retort:upgrade
                CREATE TABLE audit (id INTEGER PRIMARY KEY, note VARCHAR(200));
                -- retort:downgrade
                DROP TABLE audit;

                """);
            return env;
        }

        private async Task<CliResult> PublishAppAsync()
        {
            var project = Path.Combine(TempDir.RepositoryRoot(), "tests", "Retort.PublishedApp", "Retort.PublishedApp.csproj");
            // Its own artifacts folder: the restore for the runtime identifier must not rewrite the obj folders of the
            // repository's projects that other tests build at the same time. Warnings are reported, not errors, so the
            // test can say which.
            return await CliRunner.ProcessAsync(TempDir.RepositoryRoot(), "dotnet", TimeSpan.FromMinutes(30),
                "publish", project, "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier,
                "--self-contained", "true", "-p:PublishSingleFile=true", "-p:IncludeNativeLibrariesForSelfExtract=true", "-p:PublishTrimmed=true", "-p:TreatWarningsAsErrors=false",
                "-o", _dir["app"], "-nologo", "--artifacts-path", _dir["app-artifacts"]);
        }

        public Task DisposeAsync()
        {
            _dir.Dispose();
            return Task.CompletedTask;
        }
    }
}

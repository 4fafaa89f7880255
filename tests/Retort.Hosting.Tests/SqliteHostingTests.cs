using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retort.Commands;
using Retort.Hosting.Tests.Support;
using Retort.Specification.Cli;

namespace Retort.Hosting.Tests;

/// <summary>Retort.Hosting on a real SQLite file: migrate-on-start, validation at start, the health check and the pending revisions.</summary>
public sealed class SqliteHostingTests
{
    private static Dictionary<string, string?> Settings(string db, bool migrate = true) => new()
    {
        ["Retort:Url"] = "sqlite:///" + db,
        ["Retort:Environment"] = "migrations",
        ["Retort:MigrateOnStart"] = migrate ? "true" : "false",
    };

    [Fact]
    public async Task Three_hosts_starting_at_once_apply_each_revision_once()
    {
        using var dir = new TempDir();
        var ids = SqlRevisions.ThreeRevisions(SqlRevisions.Create(dir["migrations"]));
        var db = dir["app.db"];
        var hosts = Enumerable.Range(0, 3).Select(_ => TestHost.Build(dir.Path, Settings(db))).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.StartAsync())));
            Assert.Equal(ids.Order(), SqliteFile.Query(db, "SELECT revision FROM applied").Select(r => (string)r[0]!).Order());
            var upgrades = SqliteFile.Query(db, "SELECT revision, count(*) FROM retort_history WHERE direction = 'upgrade' GROUP BY revision");
            Assert.Equal(ids.Order(), upgrades.Select(r => (string)r[0]!).Order());
            Assert.All(upgrades, r => Assert.Equal(1L, r[1]));
            Assert.Equal(ids[2], Assert.Single(SqliteFile.Query(db, "SELECT version_num FROM retort_version"))[0]);
        }
        finally
        {
            foreach (var host in hosts) { await host.StopAsync(); host.Dispose(); }
        }
    }

    [Fact]
    public async Task A_named_connection_string_with_its_dialect_and_revisions_named_by_assembly()
    {
        using var dir = new TempDir();
        var ids = SqlRevisions.ThreeRevisions(SqlRevisions.Create(dir["migrations"]));
        var db = dir["named.db"];
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:App"] = "Data Source=" + db,
            ["Retort:ConnectionStringName"] = "App",
            ["Retort:Dialect"] = "sqlite",
            ["Retort:Environment"] = "migrations",
            ["Retort:MigrateOnStart"] = "true",
        };
        using (var host = TestHost.Build(dir.Path, settings))
        {
            await host.StartAsync();
            Assert.Equal(ids[2], Assert.Single(SqliteFile.Query(db, "SELECT version_num FROM retort_version"))[0]);
            await host.StopAsync();
        }

        // C# revisions named by their assembly (the sample web app's), without an environment folder.
        var other = dir["assembly.db"];
        using (var host = TestHost.Build(dir.Path, new Dictionary<string, string?>
        {
            ["Retort:Url"] = "sqlite:///" + other,
            ["Retort:RevisionsAssembly"] = "WebApp",
            ["Retort:MigrateOnStart"] = "true",
        }))
        {
            await host.StartAsync();
            Assert.Equal("1b2c3d4e5f6a", Assert.Single(SqliteFile.Query(other, "SELECT version_num FROM retort_version"))[0]);
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_revisions_assembly_that_does_not_load_is_named_at_start()
    {
        using var dir = new TempDir();
        using var host = TestHost.Build(dir.Path, new Dictionary<string, string?>
        {
            ["Retort:Url"] = "sqlite:///" + dir["app.db"],
            ["Retort:RevisionsAssembly"] = "No.Such.Assembly",
        });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Retort:RevisionsAssembly 'No.Such.Assembly' cannot be loaded", error.Message);
    }

    public static TheoryData<string, string?, string?, string?, string> BadSettings() => new()
    {
        // url, environment, connection string name, lock timeout, expected
        { "", "migrations", null, null, "Retort has no database" },
        { "mysql://app@db/app", "migrations", null, null, "No Retort dialect handles 'mysql'" },
        { "sqlite:///app.db", "nowhere", null, null, "Retort:Environment is 'nowhere'" },
        { "", "migrations", "Missing", null, "no connection string ConnectionStrings:Missing" },
        { "sqlite:///app.db", "migrations", null, "-00:00:01", "Retort:LockTimeout must be positive" },
        { "postgresql://app:s3cret-pw@db:notaport/app", "migrations", null, null, "Retort's database setting is wrong" },
        { "sqlite:///app.db", null, null, null, "Retort has no revisions" },
        { "Data Source=app.db", "migrations", null, null, "neither a database URL nor a connection string that names its dialect" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Bad_options_stop_the_host_at_start_with_a_clear_message(string url, string? environment, string? connectionName, string? lockTimeout, string expected)
    {
        using var dir = new TempDir();
        SqlRevisions.ThreeRevisions(SqlRevisions.Create(dir["migrations"]));
        var settings = new Dictionary<string, string?> { ["Retort:Url"] = url, ["Retort:MigrateOnStart"] = "true" };
        if (environment is not null) settings["Retort:Environment"] = environment;
        if (connectionName is not null) settings["Retort:ConnectionStringName"] = connectionName;
        if (lockTimeout is not null) settings["Retort:LockTimeout"] = lockTimeout;
        using var host = TestHost.Build(dir.Path, settings);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("s3cret-pw", error.Message);
        // Nothing was created: validation runs before migrate-on-start.
        Assert.False(File.Exists(dir["app.db"]));
        Assert.False(File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "app.db")));
    }

    [Fact]
    public async Task Health_check_and_pending_revisions_follow_the_database()
    {
        using var dir = new TempDir();
        var env = SqlRevisions.Create(dir["migrations"]);
        var ids = SqlRevisions.ThreeRevisions(env);
        var db = dir["app.db"];
        using (var host = TestHost.Build(dir.Path, Settings(db, migrate: false)))
        {
            await host.StartAsync();
            var commands = host.Services.GetRequiredService<MigrationCommands>();
            Assert.Equal(ids, (await commands.GetPendingAsync()).Select(r => r.Id));
            var pending = await TestHost.HealthAsync(host);
            Assert.Equal(HealthStatus.Degraded, pending.Status);
            Assert.Equal(ids, (string[])pending.Data["pending"]);
            Assert.Contains("3 revision(s) pending", pending.Description);

            await commands.UpgradeAsync("head");
            Assert.Empty(await commands.GetPendingAsync());
            var healthy = await TestHost.HealthAsync(host);
            Assert.Equal(HealthStatus.Healthy, healthy.Status);
            Assert.Equal([ids[2]], (string[])healthy.Data["current"]);
            await host.StopAsync();
        }

        // An applied revision edited afterwards: an upgrade would refuse to run.
        var second = Directory.GetFiles(Path.Combine(env, "Revisions"), ids[1] + "*.sql").Single();
        File.WriteAllText(second, File.ReadAllText(second).Replace("CREATE TABLE one (id INTEGER PRIMARY KEY);", "CREATE TABLE one (id INTEGER PRIMARY KEY, x INTEGER);"));
        using (var host = TestHost.Build(dir.Path, Settings(db, migrate: false)))
        {
            var edited = await TestHost.HealthAsync(host);
            Assert.Equal(HealthStatus.Unhealthy, edited.Status);
            Assert.Contains(ids[1], (string)edited.Data["problem"]);
            Assert.Contains("edited", edited.Description);
        }
    }

    [Fact]
    public async Task Health_check_is_degraded_while_a_data_step_is_partly_applied()
    {
        using var dir = new TempDir();
        var env = SqlRevisions.Create(dir["migrations"]);
        string a = SqlRevisions.NewId(), b = SqlRevisions.NewId();
        SqlRevisions.Revision(env, a, null, "create items",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, v INTEGER NOT NULL CHECK (v < 100));\n" +
            "INSERT INTO items (id, v) VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0), (10, 0), (11, 0), (12, 0);",
            "DROP TABLE items;");
        // Batches of one row: rows 1..9 commit, row 10 breaks the CHECK, so the revision stops partly applied.
        SqlRevisions.Revision(env, b, a, "backfill v", "-- retort:batched batch-size=1 target-ms=0\nUPDATE items SET v = id * 10;", "UPDATE items SET v = 0;");
        var db = dir["app.db"];
        using var host = TestHost.Build(dir.Path, Settings(db, migrate: false));
        var commands = host.Services.GetRequiredService<MigrationCommands>();
        await Assert.ThrowsAnyAsync<RetortException>(() => commands.UpgradeAsync("head"));
        Assert.Equal(9L, SqliteFile.Query(db, "SELECT count(*) FROM items WHERE v > 0")[0][0]);

        var health = await TestHost.HealthAsync(host);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("partly applied", health.Description);
        Assert.Contains(b, Assert.Single((string[])health.Data["inProgress"]));
        Assert.Equal([b], (string[])health.Data["pending"]);
    }

    [Fact]
    public async Task A_failing_migration_stops_the_start_and_is_logged_as_critical()
    {
        using var dir = new TempDir();
        var env = SqlRevisions.Create(dir["migrations"]);
        var id = SqlRevisions.NewId();
        SqlRevisions.Revision(env, id, null, "broken", "CREATE TABLE ok (id INTEGER);\nINSERT INTO no_such_table VALUES (1);", "DROP TABLE ok;");
        var logs = new ListLoggerProvider();
        using var host = TestHost.Build(dir.Path, Settings(dir["app.db"]), logs: logs);
        var error = await Assert.ThrowsAnyAsync<RetortException>(() => host.StartAsync());
        Assert.Contains(id, error.Message);
        Assert.Contains("no_such_table", error.Message);
        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Equal(RetortLogCategories.Hosting, critical.Category);
        Assert.Equal(RetortEventIds.MigrateOnStartFailed, critical.EventId);
        Assert.Contains(logs.Entries, e => e.EventId == RetortEventIds.MigrateOnStartStarting && e.Level == LogLevel.Information);
        // The failed revision left nothing behind.
        Assert.Empty(SqliteFile.Query(dir["app.db"], "SELECT name FROM sqlite_master WHERE name = 'ok'"));
    }
}

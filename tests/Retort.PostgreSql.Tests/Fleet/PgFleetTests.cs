using System.Text.Json;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Cli;
using Retort.Specification.Fleet;

namespace Retort.PostgreSql.Tests.Fleet;

/// <summary>
/// <c>retort fleet</c> on PostgreSQL: schema-per-tenant (<c>--schemas-sql</c>: each schema gets its tables and its own version
/// and history tables, nothing lands in <c>public</c>; a failing schema is rolled back and finished after the fix) and
/// database-per-tenant (<c>--targets-sql</c> on a control database that also keeps the status table).
/// </summary>
public sealed class PgFleetTests
{
    // Written without schema names: each tenant's run puts them in its schema.
    private static readonly (string Up, string Down)[] Revisions =
    [
        ("CREATE TABLE items (id integer PRIMARY KEY, name text);\nCREATE INDEX ix_items_name ON items (name);", "DROP TABLE items;"),
        ("CREATE TABLE audit (id integer PRIMARY KEY);", "DROP TABLE audit;"),
        ("ALTER TABLE items ADD COLUMN note text;", "ALTER TABLE items DROP COLUMN note;"),
    ];

    private const string Schemas = "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY nspname";

    [PgFact]
    public async Task Schema_per_tenant_puts_each_tenants_tables_and_version_table_in_its_schema_and_resumes_after_a_fix()
    {
        using var dir = new TempDir();
        await using var db = await PgDatabase.CreateAsync();
        var ids = FleetEnvironment.Write(dir.Path, db.Url, Revisions);
        await db.ExecuteAsync(string.Concat(Enumerable.Range(1, 6).Select(i => $"CREATE SCHEMA tenant_{i};")) + "CREATE TABLE tenant_4.audit (legacy text);");

        // A run on the version table in public holds the database's usual advisory lock: the tenants' runs, each on its
        // own schema's version table, take their schema's key and do not wait for it (nor for each other).
        await using var holder = await db.ConnectAsync();
        await new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({new PostgreSqlOptions().AdvisoryLockKey})", holder).ExecuteScalarAsync();

        var run = await CliRunner.RunAsync(dir.Path, "fleet", "upgrade", "--schemas-sql", Schemas, "-j", "3", "--max-failures", "1");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("tenant_4 in postgresql://", run.Out);
        foreach (var i in new[] { 1, 2, 3, 5, 6 })
        {
            Assert.Equal(ids[^1], await db.ScalarAsync<string>($"SELECT version_num FROM tenant_{i}.retort_version"));
            Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM information_schema.columns WHERE table_schema = 'tenant_{i}' AND table_name = 'items' AND column_name = 'note'"));
            Assert.Equal(3L, await db.ScalarAsync<long>($"SELECT count(*) FROM tenant_{i}.retort_history WHERE direction = 'upgrade'"));
        }
        // The failed schema's second revision was rolled back; its own audit table is as it was.
        Assert.Equal(ids[0], await db.ScalarAsync<string>("SELECT version_num FROM tenant_4.retort_version"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'tenant_4' AND table_name = 'audit' AND column_name = 'legacy'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"));

        var status = await CliRunner.RunAsync(dir.Path, "fleet", "status", "--json");
        using (var json = JsonDocument.Parse(status.Out))
        {
            var rows = json.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(r => r.GetProperty("target").GetString()!.Split(' ')[0]);
            Assert.Equal("failed", rows["tenant_4"].GetProperty("state").GetString());
            Assert.Contains("audit", rows["tenant_4"].GetProperty("error").GetString());
            Assert.Equal(5, rows.Values.Count(r => r.GetProperty("state").GetString() == "done"));
        }

        await db.ExecuteAsync("DROP TABLE tenant_4.audit");
        var rerun = await CliRunner.RunAsync(dir.Path, "fleet", "upgrade", "--schemas-sql", Schemas, "-j", "3");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("every target is done (1 now, 5 already)", rerun.Out);
        for (var i = 1; i <= 6; i++)
            foreach (var id in ids)
                Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM tenant_{i}.retort_history WHERE revision = '{id}' AND direction = 'upgrade'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"));

        var current = await CliRunner.RunAsync(dir.Path, "fleet", "current", "--schemas-sql", Schemas);
        Assert.True(current.ExitCode == 0, current.ToString());
        Assert.Contains($"6 target(s): 6 at {ids[^1]}.", current.Out);
    }

    [PgFact]
    public async Task Database_per_tenant_from_a_control_query_keeps_the_status_table_in_the_control_database()
    {
        using var dir = new TempDir();
        await using var control = await PgDatabase.CreateAsync();
        var tenants = new List<PgDatabase>();
        try
        {
            for (var i = 0; i < 3; i++) tenants.Add(await PgDatabase.CreateAsync());
            var ids = FleetEnvironment.Write(dir.Path, control.Url, Revisions);
            await control.ExecuteAsync("CREATE TABLE tenants (url text NOT NULL); " + string.Concat(tenants.Select(t => $"INSERT INTO tenants VALUES ('{t.Url}');")));

            var run = await CliRunner.RunAsync(dir.Path, "fleet", "upgrade", "--targets-sql", "SELECT url FROM tenants", "--canary", "1", "--stage", "50%,100%");
            Assert.True(run.ExitCode == 0, run.ToString());
            foreach (var tenant in tenants)
            {
                Assert.Equal(ids[^1], await tenant.ScalarAsync<string>("SELECT version_num FROM retort_version"));
                Assert.Equal(1L, await tenant.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'"));
            }
            Assert.False(File.Exists(Path.Combine(dir.Path, "retort-fleet.db")));
            Assert.Equal(3L, await control.ScalarAsync<long>($"SELECT count(*) FROM retort_fleet WHERE state = 'done' AND current_revision = '{ids[^1]}'"));
            Assert.Equal("done", await control.ScalarAsync<string>("SELECT state FROM retort_fleet_runs"));
            // The control database holds the list and the status, not the tenants' tables.
            Assert.Equal(0L, await control.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('items', 'retort_version')"));

            var status = await CliRunner.RunAsync(dir.Path, "fleet", "status", "--url", control.Url, "--json");
            Assert.True(status.ExitCode == 0, status.ToString());
            using var json = JsonDocument.Parse(status.Out);
            Assert.Equal(3, json.RootElement.GetProperty("targets").EnumerateArray().Count(r => r.GetProperty("state").GetString() == "done"));

            var down = await CliRunner.RunAsync(dir.Path, "fleet", "downgrade", "base", "--targets-sql", "SELECT url FROM tenants");
            Assert.True(down.ExitCode == 0, down.ToString());
            foreach (var tenant in tenants)
                Assert.Equal(0L, await tenant.ScalarAsync<long>("SELECT count(*) FROM retort_version"));
        }
        finally
        {
            foreach (var tenant in tenants) await tenant.DisposeAsync();
        }
    }

    [PgFact]
    public async Task A_password_in_a_target_url_never_shows_in_output_errors_or_the_status_table()
    {
        using var dir = new TempDir();
        var env = dir.Path;
        FleetEnvironment.Write(env, "sqlite:///app.db", [("CREATE TABLE items (id integer PRIMARY KEY);", "DROP TABLE items;")]);
        Directory.CreateDirectory(Path.Combine(env, "tenants"));
        File.WriteAllText(Path.Combine(env, "targets.txt"), "sqlite:///tenants/t1.db\n");
        // Nothing listens on port 1: the run fails to connect, and says so without the password.
        File.AppendAllText(Path.Combine(env, "targets.txt"), "postgresql://app:s3cr3t-pw@127.0.0.1:1/tenant?connect_timeout=5\n");
        var run = await CliRunner.RunAsync(env, "fleet", "upgrade", "--targets", "targets.txt", "-j", "1", "--max-failures", "1", "--json");
        Assert.True(run.ExitCode == 1 && run.Out.Length > 0, run.ToString());
        using (var json = JsonDocument.Parse(run.Out))
        {
            var failed = json.RootElement.GetProperty("targets")[1];
            Assert.Equal("failed", failed.GetProperty("state").GetString());
            Assert.Contains("postgresql://app:***@127.0.0.1:1/tenant", failed.GetProperty("target").GetString());
        }
        var status = await CliRunner.RunAsync(env, "fleet", "status");
        var table = await File.ReadAllBytesAsync(Path.Combine(env, "retort-fleet.db"));
        foreach (var text in new[] { run.Out, run.Error, status.Out, status.Error, System.Text.Encoding.UTF8.GetString(table) })
            Assert.DoesNotContain("s3cr3t-pw", text);
        Assert.Contains("failed", status.Out);
    }
}

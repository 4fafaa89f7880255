using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Retort.Commands;
using Retort.Hosting.Tests.Support;
using Retort.PostgreSql;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Cli;

namespace Retort.Hosting.Tests;

/// <summary>Retort.Hosting on the real PostgreSQL server: three instances at once, an application's NpgsqlDataSource, the lock's log and metric.</summary>
public sealed class PostgreSqlHostingTests
{
    private static Dictionary<string, string?> Settings(string url) => new()
    {
        ["Retort:Url"] = url,
        ["Retort:Environment"] = "migrations",
        ["Retort:MigrateOnStart"] = "true",
    };

    [PgFact]
    public async Task Three_hosts_starting_at_once_apply_each_revision_once()
    {
        await using var db = await PgDatabase.CreateAsync();
        using var dir = new TempDir();
        var ids = SqlRevisions.ThreeRevisions(SqlRevisions.Create(dir["migrations"]));
        var hosts = Enumerable.Range(0, 3).Select(_ => TestHost.Build(dir.Path, Settings(db.Url))).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.StartAsync())));
            Assert.Equal(ids.Order(), (await db.QueryAsync("SELECT revision FROM applied")).Select(r => (string)r[0]!).Order());
            var upgrades = await db.QueryAsync("SELECT revision, count(*) FROM retort_history WHERE direction = 'upgrade' GROUP BY revision");
            Assert.Equal(ids.Order(), upgrades.Select(r => (string)r[0]!).Order());
            Assert.All(upgrades, r => Assert.Equal(1L, r[1]));
            foreach (var host in hosts) Assert.Equal(HealthStatus.Healthy, (await TestHost.HealthAsync(host)).Status);
        }
        finally
        {
            foreach (var host in hosts) { await host.StopAsync(); host.Dispose(); }
        }
    }

    [PgFact]
    public async Task Migrates_through_the_applications_NpgsqlDataSource()
    {
        await using var db = await PgDatabase.CreateAsync();
        using var dir = new TempDir();
        var ids = SqlRevisions.ThreeRevisions(SqlRevisions.Create(dir["migrations"]));
        await using var dataSource = NpgsqlDataSource.Create(db.ConnectionString + ";Include Failed Batched Command=true");
        var settings = Settings("");
        settings.Remove("Retort:Url");
        using (var host = TestHost.Build(dir.Path, settings,
            retort => retort.UseDatabase(sp => PostgreSqlDatabase.Open(sp.GetRequiredService<NpgsqlDataSource>())),
            services: s => s.AddSingleton(dataSource)))
        {
            await host.StartAsync();
            Assert.Empty(await host.Services.GetRequiredService<MigrationCommands>().GetPendingAsync());
            Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM applied"));
            await host.StopAsync();
        }
        Assert.Equal(1, await dataSource.CreateCommand("SELECT 1").ExecuteScalarAsync()); // still the application's: not disposed

        // A data source that cannot name a failed statement of a batch is refused with what to change.
        await using var plain = NpgsqlDataSource.Create(db.ConnectionString);
        var error = Assert.Throws<RetortException>(() => PostgreSqlDatabase.Open(plain));
        Assert.Contains("Include Failed Batched Command=true", error.Message);
        using var refused = TestHost.Build(dir.Path, settings, retort => retort.UseDataSource(_ => plain, "postgresql"));
        Assert.Contains("Include Failed Batched Command", (await Assert.ThrowsAnyAsync<RetortException>(() => refused.StartAsync())).Message);
        Assert.Equal(ids.Length, (await db.QueryAsync("SELECT revision FROM retort_history")).Count);
    }

    [PgFact]
    public async Task Waiting_for_another_runs_lock_is_logged_in_the_lock_category_and_measured()
    {
        await using var db = await PgDatabase.CreateAsync();
        using var dir = new TempDir();
        SqlRevisions.ThreeRevisions(SqlRevisions.Create(dir["migrations"]));
        var waits = new ConcurrentQueue<double>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RetortDiagnostics.MeterName && instrument.Name == RetortDiagnostics.LockWait) listener.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<double>((_, v, tags, _) =>
        {
            foreach (var t in tags) if (t.Key == RetortDiagnostics.DialectTag && (string?)t.Value == "postgresql") waits.Enqueue(v);
        });
        meters.Start();

        // Another run holds the migration lock (the dialect's advisory lock key) until the host says it waits.
        await using var holder = await db.ConnectAsync();
        await new NpgsqlCommand($"SELECT pg_advisory_lock({new PostgreSqlOptions().AdvisoryLockKey})", holder).ExecuteScalarAsync();
        var logs = new ListLoggerProvider();
        using var host = TestHost.Build(dir.Path, Settings(db.Url), logs: logs);
        var starting = host.StartAsync();
        await Retort.Specification.Support.Wait.UntilAsync(() => Task.FromResult(logs.Entries.Any(e => e.EventId == RetortEventIds.LockWaiting)),
            "the host to log that it waits for the migration lock", starting);
        await new NpgsqlCommand($"SELECT pg_advisory_unlock({new PostgreSqlOptions().AdvisoryLockKey})", holder).ExecuteScalarAsync();
        await starting;

        var waiting = logs.Entries.First(e => e.EventId == RetortEventIds.LockWaiting);
        Assert.Equal((RetortLogCategories.Lock, LogLevel.Warning), (waiting.Category, waiting.Level));
        var acquired = Assert.Single(logs.Entries, e => e.EventId == RetortEventIds.LockAcquired);
        Assert.Equal((RetortLogCategories.Lock, LogLevel.Information), (acquired.Category, acquired.Level));
        Assert.Contains(waits, w => w > 0.1);
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM applied"));
        await host.StopAsync();
    }
}

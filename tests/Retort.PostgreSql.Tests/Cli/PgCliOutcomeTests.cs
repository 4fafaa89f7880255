using System.Net;
using System.Net.Sockets;
using Retort.Cli;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Cli;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.Cli;

/// <summary>What the CLI says when a run cannot start or is stopped: whole sentences, and what was rolled back and kept.</summary>
public sealed class PgCliOutcomeTests
{
    [PgFact]
    public async Task A_connect_error_keeps_the_servers_sentence_and_the_advice_apart()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        await env.RevisionAsync("one", "CREATE TABLE one (id integer);", "DROP TABLE one;");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var result = await CliRunner.RunAsync(env.Path, "--url", $"postgresql://retort@127.0.0.1:{port}/app?connect_timeout=5", "current");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Cannot connect to postgresql://retort@127.0.0.1:{port}/app", result.Error);
        Assert.Contains($"127.0.0.1:{port}. Check that the database is reachable", result.Error);
    }

    [PgFact]
    public async Task A_cancelled_upgrade_rolls_back_the_running_revision_keeps_the_ones_before_and_exits_130()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        var kept = await env.RevisionAsync("kept", "CREATE TABLE kept_table (id integer);", "DROP TABLE kept_table;");
        var slow = await env.RevisionAsync("slow", "CREATE TABLE rolled_back_table (id integer);\nSELECT pg_sleep(120);", "DROP TABLE rolled_back_table;");

        var output = new StringWriter();
        var error = new StringWriter();
        using var cancel = new CancellationTokenSource();
        var run = Task.Run(() => RetortCommandLine.RunAsync(["--url", env.Database.Url, "upgrade", "head"],
            new RetortCommandLineOptions { Out = output, Error = error, WorkingDirectory = env.Path, GetEnvironmentVariable = _ => null }, cancel.Token));
        var limit = TestProcess.Scaled(TimeSpan.FromMinutes(2));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (await env.Database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(120)%' AND pid <> pg_backend_pid()") == 0)
        {
            Assert.False(run.IsCompleted, "the upgrade ended before it was cancelled");
            if (watch.Elapsed > limit) Assert.Fail($"the slow revision never started: timed out after {limit.TotalSeconds:0} s");
            await Task.Delay(50);
        }
        await cancel.CancelAsync();
        var code = await run.WaitAsync(limit);

        Assert.True(code == RetortCommandLine.Interrupted, $"exit {code}\n{output}\n{error}");
        Assert.StartsWith("error: Cancelled", error.ToString());
        Assert.Contains($"Rolled back: {slow} (slow). Kept from this upgrade: {kept} (kept). The database is at {kept}", error.ToString());
        Assert.Equal(kept, await env.Database.ScalarAsync<string>("SELECT string_agg(version_num, ',') FROM retort_version"));
        Assert.Equal(0L, await env.Database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'rolled_back_table'"));
        Assert.Equal(1L, await env.Database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'kept_table'"));
    }
}

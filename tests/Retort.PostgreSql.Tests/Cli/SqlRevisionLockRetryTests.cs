using System.Diagnostics;
using Retort.Specification.Cli;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.Cli;

/// <summary>
/// A SQL revision's DDL statement behind a lock another session holds: it waits at most its lock_timeout, is
/// rolled back, and is tried again one backoff later, whatever comes before it in the file and however the tool runs.
/// </summary>
public sealed class SqlRevisionLockRetryTests
{
    [PgTheory]
    [InlineData("-- add a note column, for the support team\nALTER TABLE busy ADD COLUMN note text;")]
    [InlineData("/* add a note column;\n   for the support team */\nALTER TABLE busy ADD COLUMN note text;")]
    [InlineData("-- retort is told nothing by this comment\n  /* nor by this one */ ALTER TABLE busy ADD COLUMN note text;")]
    public async Task A_comment_before_the_DDL_statement_keeps_its_lock_retries(string upgrade)
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        await env.Database.ExecuteAsync("CREATE TABLE busy (id integer PRIMARY KEY); INSERT INTO busy SELECT generate_series(1, 10)");
        var id = await env.RevisionAsync("note", upgrade, "ALTER TABLE busy DROP COLUMN note;");
        await using var holder = await env.Database.HoldReadLockAsync("busy");

        var run = CliRunner.RunAsync(env.Path, "--url", env.Database.Url + "?lock_timeout=150ms", "upgrade", "head");
        // Once the ALTER waits, several lock timeouts pass while the lock is held; without retries the first one fails the revision.
        await env.Database.WaitForLockWaiterAsync("busy", run);
        await Task.Delay(1500);
        if (run.IsCompleted) Assert.Fail($"the revision ended while the lock was held:\n{await run}");
        await holder.ReleaseAsync();

        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Running upgrade <base> -> {id}, note ... done", result.Out);
        Assert.Equal(1L, await env.Database.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'note'"));
    }

    [PgFact]
    public async Task The_tool_run_as_the_native_tool_retries_a_timed_out_DDL_statement_one_backoff_later()
    {
        // The native tool runs socket continuations inline. A retry that waited for a synchronous round trip in that
        // mode stalled until the command timeout (30 s) before it was sent again; now it goes one backoff later.
        await using var env = await PgCliEnvironment.CreateAsync();
        await env.Database.ExecuteAsync("CREATE TABLE busy (id integer PRIMARY KEY); INSERT INTO busy SELECT generate_series(1, 10)");
        var id = await env.RevisionAsync("note", "ALTER TABLE busy ADD COLUMN note text;", "ALTER TABLE busy DROP COLUMN note;");
        await using var holder = await env.Database.HoldReadLockAsync("busy");
        const string application = "retort_native_like";

        using var tool = new NativeLikeTool.Running(NativeLikeTool.StartInfo(env.Folder.Path, env.Path,
            "--url", env.Database.Url + $"?lock_timeout=200ms&application_name={application}", "upgrade", "head"));
        // Wait until its ALTER waits for the lock (the tool starts and connects first), then hold the lock past a few
        // of its lock timeouts, so it has rolled back and retried at least once.
        await Wait.UntilAsync(async () =>
        {
            if (tool.Process.HasExited) Assert.Fail($"the tool ended before its ALTER waited for the lock:\n{tool.Output}");
            return await env.Database.ScalarAsync<long>(
                $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{application}' AND wait_event_type = 'Lock'") > 0;
        }, "the tool's ALTER waiting for the lock", limit: TimeSpan.FromMinutes(3));
        await Task.Delay(1000);
        Assert.False(tool.Process.HasExited, $"the tool ended while the lock was held:\n{tool.Output}");
        await holder.ReleaseAsync();
        var released = Stopwatch.StartNew();

        Assert.Equal(0, await tool.WaitAsync(TimeSpan.FromMinutes(3)));
        // After the release the next attempt is at most one backoff (here under 2 s) away; the stall was 30 s, the
        // command timeout. The bound sits between the two, with room for a busy machine (and RETORT_TEST_TIMEOUT_SCALE).
        var bound = TestProcess.Scaled(TimeSpan.FromSeconds(20));
        Assert.True(released.Elapsed < bound,
            $"the tool finished {released.Elapsed.TotalSeconds:0.0} s after the lock was released (at most {bound.TotalSeconds:0} s):\n{tool.Output}");
        Assert.Contains($"Running upgrade <base> -> {id}, note ... done", tool.Output);
        Assert.Equal(1L, await env.Database.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'note'"));
    }
}

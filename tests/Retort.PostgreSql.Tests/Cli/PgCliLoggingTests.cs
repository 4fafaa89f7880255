using Retort.Cli;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Cli;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.Cli;

/// <summary>What the runner logs while it waits reaches the user of the CLI, without --verbose.</summary>
public sealed class PgCliLoggingTests
{
    [PgFact]
    public async Task Lock_waits_and_lock_retries_are_shown_as_warnings()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        await env.RevisionAsync("busy table", "CREATE TABLE busy (id integer);", "DROP TABLE busy;");
        await env.OkAsync("upgrade", "head");
        await env.RevisionAsync("alter busy", "ALTER TABLE busy ADD COLUMN note text;", "ALTER TABLE busy DROP COLUMN note;");

        // Another run holds the migration lock: the upgrade says it waits.
        await using (var holder = await env.Database.ConnectAsync())
        {
            var key = new PostgreSqlOptions().AdvisoryLockKey;
            await new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({key})", holder).ExecuteScalarAsync();
            var run = Start(env, "upgrade", "head");
            await run.WaitForErrorAsync("warning: Waiting for another migration run to finish");
            await new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({key})", holder).ExecuteScalarAsync();
            var result = await run.Task;
            Assert.True(result.ExitCode == 0, result.ToString());
            await env.OkAsync("downgrade", "-1");
        }

        // A reader holds the table: the ALTER times out, and every retry is announced.
        await using (var reader = await env.Database.HoldReadLockAsync("busy"))
        {
            var run = Start(env, "--url", env.Database.Url + "?lock_timeout=100ms", "upgrade", "head");
            await run.WaitForErrorAsync("warning: A DDL statement could not get its lock");
            await reader.ReleaseAsync();
            var result = await run.Task;
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("ALTER TABLE busy ADD COLUMN note text", result.Error);
            Assert.DoesNotContain("warning:", result.Out);
        }
    }

    private static Running Start(PgCliEnvironment env, params string[] args)
    {
        // A later --url wins over the environment's.
        // The command writes from its own thread while the test reads: both through the synchronized writers.
        var outText = new StringWriter();
        var errorText = new StringWriter();
        var output = TextWriter.Synchronized(outText);
        var error = TextWriter.Synchronized(errorText);
        var fullArgs = args.Contains("--url") ? args : ["--url", env.Database.Url, .. args];
        var task = Task.Run(async () =>
        {
            var code = await RetortCommandLine.RunAsync(fullArgs, new RetortCommandLineOptions
            {
                Out = output, Error = error, WorkingDirectory = env.Path, GetEnvironmentVariable = _ => null,
            });
            lock (output) lock (error) return new CliResult(code, outText.ToString(), errorText.ToString());
        });
        return new Running(task, () => { lock (error) return errorText.ToString(); });
    }

    private sealed record Running(Task<CliResult> Task, Func<string> Error)
    {
        public async Task WaitForErrorAsync(string text)
        {
            var limit = TestProcess.Scaled(TimeSpan.FromMinutes(2));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!Error().Contains(text, StringComparison.Ordinal))
            {
                if (Task.IsCompleted) Assert.Fail($"The command ended without printing '{text}': {await Task}");
                if (watch.Elapsed > limit) Assert.Fail($"'{text}' not printed: timed out after {limit.TotalSeconds:0} s. Standard error so far:\n{Error()}");
                await System.Threading.Tasks.Task.Delay(50);
            }
        }
    }
}

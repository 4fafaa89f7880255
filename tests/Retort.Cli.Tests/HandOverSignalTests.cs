using System.Diagnostics;
using Retort.Connections;
using Retort.Specification.Support;

namespace Retort.Cli.Tests;

/// <summary>
/// The native tool hands a C# environment's command over to the environment's own program, a child process. A
/// deploy runner that stops the tool by its process id alone, with SIGTERM or SIGKILL, must stop the migration too:
/// the signal is passed on, and the program stops when the tool is gone.
/// </summary>
public sealed class HandOverSignalTests
{
    [Fact]
    public async Task Stopping_the_tool_by_its_pid_stops_the_environment_program_running_the_migration()
    {
        using var dir = new TempDir();
        await CliRunner.OkAsync(dir.Path, "init", "migrations");
        var env = dir["migrations"];
        var marker = Path.Combine(env, "long-step.pid");
        // A revision whose code step writes a row, says which process runs it, and then takes ten minutes.
        File.WriteAllText(Path.Combine(env, "Revisions", "a1b2c3d4e5f6_long.cs"), $$"""
            using Retort.Migrations;
            using Retort.Schema;

            namespace Migrations.Revisions;

            [Revision("a1b2c3d4e5f6", Message = "long")]
            public sealed class Revision_a1b2c3d4e5f6 : Migration
            {
                public override void Upgrade(Op op)
                {
                    op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true));
                    op.Run("long", async (db, ct) =>
                    {
                        await db.ExecuteAsync("INSERT INTO t (id) VALUES (1)", cancellationToken: ct);
                        System.IO.File.WriteAllText(@"{{marker}}", System.Environment.ProcessId.ToString());
                        await System.Threading.Tasks.Task.Delay(System.TimeSpan.FromMinutes(10), ct);
                    });
                }

                public override void Downgrade(Op op) => op.DropTable("t");
            }
            """);

        // SIGKILL: the tool can pass nothing on; the program sees its parent gone.
        await StartLongUpgradeAsync(dir, env, marker, tool =>
        {
            tool.Process.Kill(entireProcessTree: false);
            return Task.CompletedTask;
        });
        await AssertUnchangedAsync(env);

        // SIGTERM to the tool alone: passed on to the program, which stops; then the tool ends with it.
        await StartLongUpgradeAsync(dir, env, marker, async tool =>
        {
            using var kill = Process.Start("kill", ["-TERM", tool.Process.Id.ToString()])!;
            await kill.WaitForExitAsync();
            Assert.NotEqual(0, await tool.WaitAsync(TimeSpan.FromMinutes(2)));
        });
        await AssertUnchangedAsync(env);
    }

    /// <summary>
    /// Starts <c>upgrade head</c> with the tool run as the native one runs, waits for the long step, stops the tool
    /// with <paramref name="stop"/>, and asserts the environment's program is gone within a minute.
    /// </summary>
    private static async Task StartLongUpgradeAsync(TempDir dir, string env, string marker, Func<NativeLikeTool.Running, Task> stop)
    {
        File.Delete(marker);
        using var tool = new NativeLikeTool.Running(NativeLikeTool.StartInfo(dir.Path, env, "upgrade", "head"));
        // The first run builds the environment's project first.
        var limit = TestProcess.Scaled(TimeSpan.FromMinutes(5));
        var waited = Stopwatch.StartNew();
        while (!File.Exists(marker) || File.ReadAllText(marker).Length == 0)
        {
            if (tool.Process.HasExited) Assert.Fail($"the tool ended before the long step started:\n{tool.Output}");
            if (waited.Elapsed > limit)
            {
                tool.Process.Kill(entireProcessTree: true);
                Assert.Fail($"timed out after {limit.TotalSeconds:0} s waiting for the long step:\n{tool.Output}");
            }
            await Task.Delay(100);
        }
        var child = int.Parse(File.ReadAllText(marker));
        try
        {
            Assert.NotEqual(tool.Process.Id, child);
            await stop(tool);
            var goneLimit = TestProcess.Scaled(TimeSpan.FromMinutes(1));
            var gone = Stopwatch.StartNew();
            while (IsRunning(child))
            {
                if (gone.Elapsed > goneLimit)
                    Assert.Fail($"timed out after {goneLimit.TotalSeconds:0} s: the environment's program (process {child}) kept running after the tool was stopped:\n{tool.Output}");
                await Task.Delay(100);
            }
        }
        finally
        {
            if (IsRunning(child)) Process.GetProcessById(child).Kill();
        }
    }

    /// <summary>The revision was rolled back: not recorded, its table not there.</summary>
    private static async Task AssertUnchangedAsync(string env)
    {
        Assert.StartsWith("base", await CliRunner.OkAsync(env, "current"));
        await using var db = Database.Open("sqlite:///" + Path.Combine(env, "app.db"));
        Assert.Null(await db.ReflectTableAsync("t"));
    }

    /// <summary>True while the process exists and is not a zombie (an orphan's exit is reaped by whoever adopted it, if anyone).</summary>
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (Directory.Exists("/proc/self"))
        {
            try { return File.Exists(stat) && File.ReadAllText(stat) is var s && s[(s.LastIndexOf(')') + 2)..][0] != 'Z'; }
            catch (IOException) { return false; }
        }
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }
}

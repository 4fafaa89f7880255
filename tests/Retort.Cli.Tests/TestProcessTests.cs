using System.Diagnostics;
using Retort.Specification.Support;

namespace Retort.Cli.Tests;

/// <summary>The helper every test that waits for a process uses: a timeout kills the whole tree and says so.</summary>
public sealed class TestProcessTests
{
    [Fact]
    public async Task A_process_over_its_limit_is_killed_with_its_children_and_the_failure_says_timed_out()
    {
        using var dir = new TempDir();
        // The shell starts a child that would outlive it, notes the child's pid, and waits for it.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            CliRunner.ProcessAsync(dir.Path, "bash", TimeSpan.FromSeconds(2), "-c", "sleep 600 & echo $! > child; echo started; wait"));
        Assert.Contains("timed out after ", failure.Message);
        Assert.Contains("started", failure.Message); // the output so far
        var child = int.Parse(File.ReadAllText(dir["child"]).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(IsRunning(child), $"the child {child} still runs");
    }

    [Fact]
    public async Task A_process_within_its_limit_gives_exit_code_and_output()
    {
        var (code, output, error) = await TestProcess.RunAsync(new ProcessStartInfo("bash", ["-c", "echo out; echo err >&2; exit 3"]), TimeSpan.FromMinutes(1));
        Assert.Equal(3, code);
        Assert.Equal("out\n", output);
        Assert.Equal("err\n", error);
    }

    // A killed process may stay a zombie until its new parent reaps it; it no longer runs.
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try { return File.ReadAllText(stat).Split(')')[1].Trim()[0] != 'Z'; }
        catch (IOException) { return false; }
    }
}

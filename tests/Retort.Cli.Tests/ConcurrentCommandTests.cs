using Retort.Specification.Support;

namespace Retort.Cli.Tests;

/// <summary>Commands run at the same time in one environment take turns where they would otherwise trip over each other.</summary>
public sealed class ConcurrentCommandTests
{
    [Fact]
    public async Task Revisions_created_at_the_same_time_form_one_line()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "first", "CREATE TABLE t0 (id INTEGER);", "DROP TABLE t0;");
        // Separate processes, as several terminals or scripts would run them; each takes the heads when it starts writing.
        const int Count = 6;
        var processes = Enumerable.Range(1, Count)
            .Select(i => TestProcess.Start(CliRunner.StartInfo(env, "dotnet", ToolProcessTests.ToolPath(), "revision", "-m", $"concurrent {i}")))
            .ToList();
        try
        {
            foreach (var p in processes)
            {
                var (code, output, error) = await p.WaitAsync(TimeSpan.FromMinutes(5));
                Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
            }
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
        }

        var heads = await CliRunner.OkAsync(env, "heads");
        Assert.Single(heads.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // history lists newest first: every revision's parent is the next line's revision.
        var history = (await CliRunner.OkAsync(env, "history", "-v")).Split('\n');
        var revs = history.Where(l => l.StartsWith("Rev:", StringComparison.Ordinal)).Select(l => l["Rev:".Length..].Trim().Split(' ')[0]).ToList();
        var parents = history.Where(l => l.StartsWith("Parent:", StringComparison.Ordinal)).Select(l => l["Parent:".Length..].Trim()).ToList();
        Assert.Equal(Count + 1, revs.Count);
        for (var i = 0; i < Count; i++) Assert.Equal(revs[i + 1], parents[i]);
        Assert.Equal("<base>", parents[Count]);
    }
}

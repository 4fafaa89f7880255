namespace Retort.Cli.Tests;

/// <summary>
/// A statement SQLite runs only outside a transaction (VACUUM) in a SQL revision: refused before anything runs, online
/// and offline, with the file and the directive named; after a <c>-- retort:no-transaction</c> line it runs.
/// </summary>
public sealed class NoTransactionTests
{
    [Fact]
    public async Task Vacuum_needs_the_no_transaction_line_and_then_runs_online_and_offline()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var id = await SqlEnvironment.RevisionAsync(env, "compact", "CREATE TABLE t (id INTEGER PRIMARY KEY);\nVACUUM;", "DROP TABLE t;");
        var file = Directory.GetFiles(Path.Combine(env, "Revisions"), id + "*.sql").Single();

        foreach (var args in new[] { new[] { "upgrade", "head" }, ["upgrade", "head", "--sql"] })
        {
            var refused = await CliRunner.RunAsync(env, args);
            Assert.True(refused.ExitCode == 1, refused.ToString());
            Assert.Contains($"Revision {id} ({file})", refused.Error);
            Assert.Contains("SQLite cannot VACUUM from within a transaction", refused.Error);
            Assert.Contains("Put a '-- retort:no-transaction' line right before the statement", refused.Error);
            Assert.Equal("", refused.Out.Trim());
        }
        Assert.StartsWith("base", await CliRunner.OkAsync(env, "current"));

        File.WriteAllText(file, File.ReadAllText(file).Replace("VACUUM;", "-- retort:no-transaction\nVACUUM;"));
        var script = await CliRunner.OkAsync(env, "upgrade", "head", "--sql");
        Assert.Contains("-- the next statement cannot run inside a transaction\nCOMMIT;\n\nVACUUM;\n\nBEGIN", script.Replace("\r\n", "\n"));
        await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.StartsWith(id, await CliRunner.OkAsync(env, "current"));
    }
}

using System.Text.Json;

namespace Retort.Cli.Tests;

/// <summary><c>retort test</c> on SQL environments: a throwaway database, a table of results, precise failures.</summary>
public sealed class TestCommandTests
{
    [Fact]
    public async Task A_good_environment_passes_and_never_touches_its_own_database()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "create users", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);", "DROP TABLE users;");
        await SqlEnvironment.RevisionAsync(env, "add email", "ALTER TABLE users ADD COLUMN email TEXT;", "ALTER TABLE users DROP COLUMN email;");
        var output = await CliRunner.OkAsync(env, "test");
        Assert.Matches(@"All \d+ checks passed\.", output);
        Assert.Contains("SingleHead: ok", output);
        Assert.Empty(Directory.GetFiles(env, "*.db"));
    }

    [Fact]
    public async Task A_downgrade_that_forgets_a_column_fails_with_the_revision_and_what_is_left()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "create users", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);", "DROP TABLE users;");
        var bad = await SqlEnvironment.RevisionAsync(env, "add email", "ALTER TABLE users ADD COLUMN email TEXT;", "SELECT 1;");
        var result = await CliRunner.RunAsync(env, "test");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"DowngradeLeavesNoTrace of revision {bad}", result.Error);
        Assert.Contains("drop column users.email", result.Error);
        Assert.Contains("FAIL", result.Out);

        var json = await CliRunner.RunAsync(env, "test", "--json");
        Assert.Equal(1, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.False(doc.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal("sqlite", doc.RootElement.GetProperty("dialect").GetString());
        Assert.Contains(doc.RootElement.GetProperty("results").EnumerateArray(),
            r => r.GetProperty("check").GetString() == "DowngradeLeavesNoTrace" && r.GetProperty("revision").GetString() == bad && !r.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task Two_heads_and_a_failing_upgrade_are_reported()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var root = await SqlEnvironment.RevisionAsync(env, "create users", "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;");
        await SqlEnvironment.RevisionAsync(env, "branch a", "SELECT 1;", "SELECT 1;");
        await SqlEnvironment.RevisionAsync(env, "branch b", "INSERT INTO missing VALUES (1);", "SELECT 1;", "--head", root, "--splice");
        var result = await CliRunner.RunAsync(env, "test");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SingleHead", result.Error);
        Assert.Contains("found 2", result.Error);
        var json = JsonDocument.Parse((await CliRunner.RunAsync(env, "test", "--json")).Out);
        Assert.Contains(json.RootElement.GetProperty("results").EnumerateArray(),
            r => r.GetProperty("check").GetString() == "Upgrade" && !r.GetProperty("passed").GetBoolean()
                 && r.GetProperty("message").GetString()!.Contains("no such table: missing"));
    }
}

using Microsoft.Data.Sqlite;

namespace Retort.Cli.Tests;

/// <summary>
/// The version table against the history (dropped, emptied, holding a revision and its descendant), stamp with
/// several revisions, and edited revisions (upgrade refuses, current, history -v and check report, accept records).
/// </summary>
public sealed class VersionStateTests
{
    private static void Exec(string env, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(env, "app.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Rows(string env, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(env, "app.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(Convert.ToString(reader.GetValue(0))!);
        return rows;
    }

    private static void AssertRefused(CliResult result, params string[] expected)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error: ", result.Error);
        foreach (var e in expected) Assert.Contains(e, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task A_dropped_version_table_is_refused_and_the_stamp_it_names_repairs_it()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        var second = await SqlEnvironment.RevisionAsync(env, "two", "CREATE TABLE two (id INTEGER);", "DROP TABLE two;");
        await CliRunner.OkAsync(env, "upgrade", "head");
        Exec(env, "DROP TABLE retort_version");

        AssertRefused(await CliRunner.RunAsync(env, "upgrade", "head"), "retort_version is missing or empty", $"'retort stamp {second}'", "Nothing was changed");
        AssertRefused(await CliRunner.RunAsync(env, "downgrade", "base"), $"'retort stamp {second}'");
        Assert.Empty(Rows(env, "SELECT name FROM sqlite_master WHERE name = 'retort_version'"));
        var current = await CliRunner.RunAsync(env, "current");
        Assert.Equal(0, current.ExitCode);
        Assert.StartsWith("base", current.Out);
        Assert.Contains($"warning: The version table retort_version is missing or empty", current.Error);

        Assert.Contains($"Stamped {second}", await CliRunner.OkAsync(env, "stamp", second));
        Assert.Contains("Nothing to do", await CliRunner.OkAsync(env, "upgrade", "head"));
        Assert.Equal("", (await CliRunner.RunAsync(env, "current")).Error);
    }

    [Fact]
    public async Task A_version_table_holding_a_revision_and_its_descendant_is_refused()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var first = await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        var second = await SqlEnvironment.RevisionAsync(env, "two", "CREATE TABLE two (id INTEGER);", "DROP TABLE two;");
        await CliRunner.OkAsync(env, "upgrade", "head");
        Exec(env, $"INSERT INTO retort_version VALUES ('{first}')");

        // Before the check: "Nothing to do".
        AssertRefused(await CliRunner.RunAsync(env, "upgrade", "head"), $"{first} is an ancestor of {second}", $"'retort stamp {second}'");
        Assert.Contains("warning:", (await CliRunner.RunAsync(env, "current")).Error);
        await CliRunner.OkAsync(env, "stamp", second);
        Assert.Equal([second], Rows(env, "SELECT version_num FROM retort_version"));
        Assert.Contains($"{second} -> {first}", await CliRunner.OkAsync(env, "downgrade", "-1"));
        Assert.Equal([first], Rows(env, "SELECT version_num FROM retort_version"));
    }

    [Fact]
    public async Task Stamp_takes_one_revision_per_branch()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var root = await SqlEnvironment.RevisionAsync(env, "root", "CREATE TABLE root (id INTEGER);", "DROP TABLE root;");
        var left = await SqlEnvironment.RevisionAsync(env, "left", "CREATE TABLE l (id INTEGER);", "DROP TABLE l;");
        var right = await SqlEnvironment.RevisionAsync(env, "right", "CREATE TABLE r (id INTEGER);", "DROP TABLE r;", "--head", root, "--splice");
        var stamped = await CliRunner.OkAsync(env, "stamp", left, right);
        Assert.Contains(left, stamped);
        Assert.Contains(right, stamped);
        Assert.Equal(new[] { left, right }.Order(StringComparer.Ordinal), Rows(env, "SELECT version_num FROM retort_version ORDER BY version_num"));
        await CliRunner.OkAsync(env, "stamp", "base");
        Assert.Empty(Rows(env, "SELECT version_num FROM retort_version"));
        Assert.Equal(0, (await CliRunner.RunAsync(env, "upgrade", "heads")).ExitCode);
    }

    [Fact]
    public async Task An_edited_revision_is_reported_refused_and_accepted_explicitly()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var first = await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        var second = await SqlEnvironment.RevisionAsync(env, "two", "CREATE TABLE two (id INTEGER);", "DROP TABLE two;");
        await CliRunner.OkAsync(env, "upgrade", "head");
        var firstFile = Directory.GetFiles(Path.Combine(env, "Revisions"), first + "*.sql").Single();
        File.WriteAllText(firstFile, File.ReadAllText(firstFile).Replace("CREATE TABLE one (id INTEGER);", "CREATE TABLE one (id INTEGER, note TEXT);"));
        await SqlEnvironment.RevisionAsync(env, "three", "CREATE TABLE three (id INTEGER);", "DROP TABLE three;");

        // Before: upgrade applied three on top of a database whose 'one' is not what the file says.
        var refused = await CliRunner.RunAsync(env, "upgrade", "head");
        AssertRefused(refused, $"{first} ({firstFile})", $"'retort accept {first}'");
        Assert.Empty(Rows(env, "SELECT name FROM sqlite_master WHERE name = 'three'"));
        foreach (var verbose in new[] { false, true })
        {
            var current = await CliRunner.RunAsync(env, verbose ? ["current", "-v"] : ["current"]);
            Assert.Equal(0, current.ExitCode);
            Assert.Contains($"warning: A revision was edited after it was applied to this database: {first} ({firstFile})", current.Error);
        }
        var history = await CliRunner.OkAsync(env, "history", "-v");
        Assert.Single(history.Split("Edited:").Skip(1));
        Assert.Contains($"retort accept {first}", history);
        Assert.DoesNotContain("Edited:", await CliRunner.OkAsync(env, "history", "-v", "-r", $"{second}:"));

        AssertRefused(await CliRunner.RunAsync(env, "accept"), "Name the edited revision(s) to accept");
        AssertRefused(await CliRunner.RunAsync(env, "accept", second), $"Revision {second} has no edit to accept", $"Edited: {first}");
        Assert.Contains($"Accepted the edit of {first}", await CliRunner.OkAsync(env, "accept", first));
        Assert.Equal(["accept"], Rows(env, $"SELECT direction FROM retort_history WHERE revision = '{first}' AND direction = 'accept'"));
        Assert.DoesNotContain("Edited:", await CliRunner.OkAsync(env, "history", "-v"));
        Assert.Equal("", (await CliRunner.RunAsync(env, "current", "-v")).Error);
        Assert.Contains("-> ", await CliRunner.OkAsync(env, "upgrade", "head"));
        Assert.Single(Rows(env, "SELECT name FROM sqlite_master WHERE name = 'three'"));
        Assert.Contains("Nothing to accept", await CliRunner.OkAsync(env, "accept", "--all"));
    }
}

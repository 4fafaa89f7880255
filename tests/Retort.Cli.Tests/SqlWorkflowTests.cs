namespace Retort.Cli.Tests;

/// <summary>End to end in a SQL-only environment (no build), in-process, as a user types it.</summary>
public sealed class SqlWorkflowTests
{
    [Fact]
    public async Task Init_revision_upgrade_current_history_downgrade()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        Assert.True(File.Exists(Path.Combine(env, "retort.json")));
        Assert.True(File.Exists(Path.Combine(env, "README.md")));

        var first = await SqlEnvironment.RevisionAsync(env, "create account",
            "CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'x;y');\nINSERT INTO account (name) VALUES ('it''s; fine');",
            "DROP TABLE account;");
        Assert.Matches("^[0-9a-f]{12}$", first);
        var second = await SqlEnvironment.RevisionAsync(env, "add email", "ALTER TABLE account ADD COLUMN email TEXT;", "ALTER TABLE account DROP COLUMN email;");
        Assert.Contains($"-- retort:down-revision {first}", File.ReadAllText(Directory.GetFiles(Path.Combine(env, "Revisions"), second + "*.sql").Single()));

        var upgrade = await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.Contains($"Running upgrade <base> -> {first}, create account ... done", upgrade);
        Assert.Contains($"Running upgrade {first} -> {second}, add email ... done", upgrade);
        Assert.Contains($"now at {second} (head)", upgrade);

        Assert.StartsWith($"{second} (head), add email", await CliRunner.OkAsync(env, "current"));
        var history = await CliRunner.OkAsync(env, "history");
        Assert.True(history.IndexOf(second, StringComparison.Ordinal) < history.IndexOf(first, StringComparison.Ordinal), history);
        var ranged = await CliRunner.OkAsync(env, "history", "-r", $"{second}:");
        Assert.DoesNotContain(ranged.Split('\n'), line => line.StartsWith(first + " ", StringComparison.Ordinal));
        Assert.Contains(ranged.Split('\n'), line => line.StartsWith(second + " ", StringComparison.Ordinal));
        Assert.Contains("Path:", await CliRunner.OkAsync(env, "history", "-v"));
        Assert.Contains("ALTER TABLE account ADD COLUMN email", await CliRunner.OkAsync(env, "show", second));

        var down = await CliRunner.OkAsync(env, "downgrade", "-1");
        Assert.Contains($"Running downgrade {second} -> {first}", down);
        Assert.StartsWith(first, await CliRunner.OkAsync(env, "current"));
        await CliRunner.OkAsync(env, "downgrade", "base");
        Assert.StartsWith("base", await CliRunner.OkAsync(env, "current"));
        Assert.Contains("Nothing to do", await CliRunner.OkAsync(env, "downgrade", "base"));
    }

    [Fact]
    public async Task Two_branches_show_as_heads_refuse_head_and_merge_joins_them()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var root = await SqlEnvironment.RevisionAsync(env, "root", "CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;");
        var left = await SqlEnvironment.RevisionAsync(env, "left", "CREATE TABLE l (id INTEGER);", "DROP TABLE l;");
        var right = await SqlEnvironment.RevisionAsync(env, "right", "CREATE TABLE r (id INTEGER);", "DROP TABLE r;", "--head", root, "--splice");

        var heads = await CliRunner.OkAsync(env, "heads");
        Assert.Contains($"{left} (head), left", heads);
        Assert.Contains($"{right} (head), right", heads);
        var branches = await CliRunner.OkAsync(env, "branches");
        Assert.Contains($"{root} (branchpoint)", branches);
        Assert.Contains($"-> {left}", branches);

        var refused = await CliRunner.RunAsync(env, "upgrade", "head");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("ambiguous because there are 2 heads", refused.Error);
        Assert.DoesNotContain("   at ", refused.Error);
        var noParent = await CliRunner.RunAsync(env, "revision", "-m", "third");
        Assert.Equal(1, noParent.ExitCode);
        Assert.Contains("several heads", noParent.Error);

        var merge = await CliRunner.OkAsync(env, "merge", "heads", "-m", "join");
        Assert.Contains("Merge revision", merge);
        var joined = await CliRunner.OkAsync(env, "heads");
        Assert.Contains("(head) (mergepoint), join", joined);
        await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.Contains("(mergepoint)", await CliRunner.OkAsync(env, "current"));
        await CliRunner.OkAsync(env, "downgrade", "base");
        await CliRunner.OkAsync(env, "upgrade", "heads");
    }

    [Fact]
    public async Task Stamp_sets_the_version_without_running_and_purge_resets()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var first = await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        var second = await SqlEnvironment.RevisionAsync(env, "two", "CREATE TABLE two (id INTEGER);", "DROP TABLE two;");
        Assert.Contains($"Stamped {first}", await CliRunner.OkAsync(env, "stamp", first));
        // Only revision two runs: table one was never created, so a re-run of revision one would be visible.
        var upgrade = await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.DoesNotContain("-> " + first, upgrade);
        Assert.Contains("-> " + second, upgrade);
        Assert.Contains("Stamped base", await CliRunner.OkAsync(env, "stamp", "base", "--purge"));
        Assert.StartsWith("base", await CliRunner.OkAsync(env, "current"));
    }

    [Fact]
    public async Task Url_comes_from_option_then_environment_variable_then_config()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        var fromVariable = new Dictionary<string, string> { ["RETORT_URL"] = "sqlite:///from-variable.db" };
        Assert.Equal(0, (await CliRunner.RunAsync(env, fromVariable, "upgrade", "head")).ExitCode);
        Assert.True(File.Exists(Path.Combine(env, "from-variable.db")));
        Assert.False(File.Exists(Path.Combine(env, "app.db")));
        Assert.Equal(0, (await CliRunner.RunAsync(env, fromVariable, "--url", "sqlite:///from-option.db", "upgrade", "head")).ExitCode);
        Assert.True(File.Exists(Path.Combine(env, "from-option.db")));
        await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.True(File.Exists(Path.Combine(env, "app.db")));
    }

    [Fact]
    public async Task Single_transaction_makes_a_failing_run_all_or_nothing_from_the_flag_or_the_config()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER PRIMARY KEY);", "DROP TABLE one;");
        var two = await SqlEnvironment.RevisionAsync(env, "two", "CREATE TABLE two (id INTEGER PRIMARY KEY);", "DROP TABLE two;");
        await SqlEnvironment.RevisionAsync(env, "bad", "INSERT INTO missing_table VALUES (1);", null);

        var failed = await CliRunner.RunAsync(env, "upgrade", "head", "--single-transaction");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("missing_table", failed.Error);
        Assert.StartsWith("base", await CliRunner.OkAsync(env, "current"));

        // The same from retort.json.
        var config = Path.Combine(env, "retort.json");
        File.WriteAllText(config, File.ReadAllText(config).TrimEnd().TrimEnd('}') + ",\n  \"singleTransaction\": true\n}\n");
        Assert.Equal(1, (await CliRunner.RunAsync(env, "upgrade", "head")).ExitCode);
        Assert.StartsWith("base", await CliRunner.OkAsync(env, "current"));
        var script = await CliRunner.OkAsync(env, "upgrade", $"base:{two}", "--sql");
        Assert.Equal(2, script.Split('\n').Count(l => l.Trim() == "COMMIT;"));   // the version tables, then every revision
        var perRevision = await CliRunner.OkAsync(env, "upgrade", $"base:{two}", "--sql", "--single-transaction", "false");
        Assert.Equal(3, perRevision.Split('\n').Count(l => l.Trim() == "COMMIT;"));   // the flag overrides the config

        // Without it, each revision commits alone: the two good ones stay.
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"singleTransaction\": true", "\"singleTransaction\": false"));
        Assert.Equal(1, (await CliRunner.RunAsync(env, "upgrade", "head")).ExitCode);
        Assert.StartsWith(two, await CliRunner.OkAsync(env, "current"));

        File.WriteAllText(config, File.ReadAllText(config).Replace("\"singleTransaction\": false", "\"singleTransaction\": \"yes\""));
        var wrong = await CliRunner.RunAsync(env, "current");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("\"singleTransaction\" must be true or false, not a string", wrong.Error);
    }
}

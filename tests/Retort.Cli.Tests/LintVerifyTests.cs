namespace Retort.Cli.Tests;

/// <summary><c>retort lint --verify</c> outside PostgreSQL, and its options without a database: refused with a clear message, exit 2, nothing touched.</summary>
public sealed class LintVerifyTests
{
    private static async Task<(string Env, string Db)> SetUpAsync(TempDir dir)
    {
        var env = await SqlEnvironment.InitAsync(dir);
        var db = Path.Combine(env, "app.db");
        await SqlEnvironment.RevisionAsync(env, "people", "CREATE TABLE people (id INTEGER PRIMARY KEY);", "DROP TABLE people;");
        await CliRunner.OkAsync(env, "--url", $"sqlite:///{db}", "upgrade", "head");
        await SqlEnvironment.RevisionAsync(env, "index", "CREATE INDEX ix_people_id ON people (id);", "DROP INDEX ix_people_id;");
        return (env, db);
    }

    [Fact]
    public async Task Verify_on_sqlite_says_it_is_for_postgresql_only_and_exits_2()
    {
        using var dir = new TempDir();
        var (env, db) = await SetUpAsync(dir);
        var before = File.ReadAllBytes(db);

        var result = await CliRunner.RunAsync(env, "--url", $"sqlite:///{db}", "lint", "--verify");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("lint --verify is for PostgreSQL only", result.Error);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public async Task Verify_without_a_database_and_a_shadow_url_without_verify_are_refused()
    {
        using var dir = new TempDir();
        var (env, db) = await SetUpAsync(dir);

        var noDatabase = await CliRunner.RunAsync(env, "lint", "--verify");
        Assert.True(noDatabase.ExitCode == 2, noDatabase.ToString());
        Assert.Contains("--verify runs the plan of a database on a shadow copy of it, and no database is given", noDatabase.Error);

        var noVerify = await CliRunner.RunAsync(env, "--url", $"sqlite:///{db}", "lint", "--shadow-url", $"sqlite:///{db}.shadow");
        Assert.True(noVerify.ExitCode == 2, noVerify.ToString());
        Assert.Contains("--shadow-url names the shadow database of --verify", noVerify.Error);
        Assert.False(File.Exists(db + ".shadow"));
    }
}

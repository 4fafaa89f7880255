namespace Retort.Cli.Tests;

/// <summary>Every error gets a non-zero exit code and a one-paragraph message, without a stack trace.</summary>
public sealed class ErrorTests
{
    private static void AssertError(CliResult result, string expected)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Unknown_target()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        AssertError(await CliRunner.RunAsync(env, "upgrade", "nosuchrev"), "No revision matches 'nosuchrev'");
    }

    [Fact]
    public async Task Broken_revision_file_names_the_file_and_line()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        File.WriteAllText(Path.Combine(env, "Revisions", "bad.sql"), "-- retort:revision abc\n-- retort:colour blue\n-- retort:upgrade\nSELECT 1;\n");
        var result = await CliRunner.RunAsync(env, "upgrade", "head");
        AssertError(result, "bad.sql (line 2) is broken: unknown header '-- retort:colour'");
        File.WriteAllText(Path.Combine(env, "Revisions", "bad.sql"), "-- retort:revision abc\nSELECT 1;\n");
        AssertError(await CliRunner.RunAsync(env, "heads"), "SQL before the '-- retort:upgrade' line");
    }

    [Fact]
    public async Task Unreachable_database_and_password_never_printed()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        AssertError(await CliRunner.RunAsync(env, "--url", "sqlite:////no/such/folder/x.db", "upgrade", "head"), "the folder /no/such/folder does not exist");
        var secret = await CliRunner.RunAsync(env, "--url", "nosuchdb://user:hunter2@db.example/app", "current");
        AssertError(secret, "No Retort dialect handles 'nosuchdb'");
        Assert.DoesNotContain("hunter2", secret.Error + secret.Out);
    }

    [Fact]
    public async Task Passwords_in_every_url_form_are_never_printed()
    {
        const string secret = "hunter2-sqlite";
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        void NoSecret(CliResult r) => Assert.DoesNotContain(secret, r.Out + r.Error);
        // Each command also with --verbose (current -v prints the database), which adds the stack trace and the inner exceptions' messages.
        async Task RefusedAsync(string expected, IReadOnlyDictionary<string, string> variables, params string[] args)
        {
            var r = await CliRunner.RunAsync(env, variables, args);
            AssertError(r, expected);
            NoSecret(r);
            var verbose = await CliRunner.RunAsync(env, variables, ["--verbose", .. args]);
            Assert.True(verbose.ExitCode == 1, verbose.ToString());
            Assert.Contains(expected, verbose.Error);
            NoSecret(verbose);
        }
        var none = new Dictionary<string, string>();
        var missingFolder = Path.Combine(dir.Path, "no-such-folder", "x.db");

        // The SQLite URL's unknown-parameter error, whatever the spelling, for every command that opens the database.
        foreach (var key in new[] { "password", "Password", "sslpassword", "pwd" })
            foreach (var args in new[] { new[] { "current" }, ["upgrade", "head"], ["history", "-i"], ["stamp", "head"] })
                await RefusedAsync($"unknown parameter '{key}'", none, ["--url", $"sqlite:///app.db?{key}={secret}", .. args]);
        // The same URL from the environment variable and from retort.json.
        await RefusedAsync("unknown parameter 'password'",
            new Dictionary<string, string> { ["RETORT_URL"] = $"sqlite:///app.db?mode=ReadWriteCreate&password={secret}" }, "current");
        var config = Path.Combine(env, "retort.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("sqlite:///app.db", $"sqlite:///app.db?Password={secret}"));
        await RefusedAsync("unknown parameter 'Password'", none, "upgrade", "head");

        // A connection string passed through: failing to connect (missing folder, and a password SQLite cannot use).
        await RefusedAsync("Cannot open the SQLite database ", none, ["--url", $"Dialect=sqlite;Data Source={missingFolder};Password={secret}", "upgrade", "head"]);
        await RefusedAsync("Cannot connect to sqlite: ", none, ["--url", $"Dialect=sqlite;Data Source={Path.Combine(dir.Path, "app.db")};Password={secret}", "upgrade", "head"]);
        // current reads nothing from a file that does not exist (it would create it): it says so, without the secret.
        var current = await CliRunner.RunAsync(env, none, ["--url", $"Dialect=sqlite;Data Source={missingFolder};Password={secret}", "current"]);
        Assert.True(current.ExitCode == 0, current.ToString());
        Assert.Contains("does not exist; nothing was created", current.Out);
        NoSecret(current);
        Assert.False(File.Exists(missingFolder));
    }

    [Fact]
    public async Task Version_table_naming_an_unknown_revision()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var one = await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        await CliRunner.OkAsync(env, "upgrade", "head");
        File.Delete(Directory.GetFiles(Path.Combine(env, "Revisions"), one + "*.sql").Single());
        await SqlEnvironment.RevisionAsync(env, "other", "CREATE TABLE other (id INTEGER);", "DROP TABLE other;");
        AssertError(await CliRunner.RunAsync(env, "current"), $"names revision(s) {one}, which no revision script defines");
        AssertError(await CliRunner.RunAsync(env, "upgrade", "head"), "stamp --purge");
    }

    [Fact]
    public async Task No_environment_and_bad_arguments()
    {
        using var dir = new TempDir();
        AssertError(await CliRunner.RunAsync(dir.Path, "heads"), "No retort.json found");
        var usage = await CliRunner.RunAsync(dir.Path, "upgrade");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--help", usage.Error);
        Assert.Equal(0, (await CliRunner.RunAsync(dir.Path, "upgrade", "--help")).ExitCode);
        File.WriteAllText(dir["existing.txt"], "");
        AssertError(await CliRunner.RunAsync(dir.Path, "init", "."), "not empty");
    }

    [Fact]
    public async Task Offline_downgrade_needs_a_range_and_code_steps_are_refused()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        AssertError(await CliRunner.RunAsync(env, "downgrade", "base", "--sql"), "needs a starting point");
    }
}

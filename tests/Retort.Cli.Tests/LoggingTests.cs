namespace Retort.Cli.Tests;

/// <summary>The run's log: warnings always on standard error, the SQL statements only with --verbose.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Verbose_prints_the_statements_on_standard_error_and_the_plain_run_does_not()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE logged_one (id INTEGER);", "DROP TABLE logged_one;");
        await SqlEnvironment.RevisionAsync(env, "two", "CREATE TABLE logged_two (id INTEGER);", "DROP TABLE logged_two;");

        var plain = await CliRunner.RunAsync(env, "upgrade", "+1");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Equal("", plain.Error);
        Assert.DoesNotContain("CREATE TABLE", plain.Out);

        var verbose = await CliRunner.RunAsync(env, "-v", "upgrade", "head");
        Assert.True(verbose.ExitCode == 0, verbose.ToString());
        Assert.Contains("CREATE TABLE logged_two (id INTEGER)", verbose.Error);
        Assert.DoesNotContain("CREATE TABLE", verbose.Out);
        Assert.Contains("Running upgrade", verbose.Out);

        var down = await CliRunner.RunAsync(env, "downgrade", "base", "--verbose");
        Assert.Contains("DROP TABLE logged_one", down.Error);
    }
}

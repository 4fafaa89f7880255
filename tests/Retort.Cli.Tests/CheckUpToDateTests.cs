using Retort.Autogenerate;
using Retort.Schema;

namespace Retort.Cli.Tests;

/// <summary>
/// <c>retort check</c> fails for a database behind its scripts even where its schema matches the target (a revision
/// that changes only data has not run), as <c>revision --autogenerate</c> refuses it.
/// </summary>
public sealed class CheckUpToDateTests
{
    /// <summary>The target schema of the environment below, found in this assembly as a program that runs itself has it.</summary>
    public sealed class CheckTarget : ITargetSchema
    {
        public MetaData Build()
        {
            var m = new MetaData();
            _ = new Table("t", m, new Column("id", SqlType.Integer, primaryKey: true));
            return m;
        }
    }

    private static async Task<CliResult> RunAsync(string directory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RetortCommandLine.RunAsync(args, new RetortCommandLineOptions
        {
            RevisionsAssembly = typeof(CheckUpToDateTests).Assembly,
            Out = output,
            Error = error,
            WorkingDirectory = directory,
            GetEnvironmentVariable = _ => null,
        });
        return new CliResult(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Check_fails_while_the_database_is_not_at_the_heads()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var first = await SqlEnvironment.RevisionAsync(env, "create t", "CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL);", "DROP TABLE t;");
        var second = await SqlEnvironment.RevisionAsync(env, "seed t", "INSERT INTO t (id) VALUES (1);", "DELETE FROM t;");
        Assert.Equal(0, (await RunAsync(env, "upgrade", first)).ExitCode);

        var behind = await RunAsync(env, "check");
        Assert.True(behind.ExitCode == 1, behind.ToString());
        Assert.Contains($"error: The database is not up to date (it is at {first}, the scripts' heads are {second}). Run 'retort upgrade heads', then check again.", behind.Error);
        Assert.DoesNotContain("differs from the target schema", behind.Error);

        Assert.Equal(0, (await RunAsync(env, "upgrade", "head")).ExitCode);
        var clean = await RunAsync(env, "check");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("No differences", clean.Out);
    }
}

using System.Text.Json;

namespace Retort.Cli.Tests;

/// <summary>
/// <c>retort check</c> exits 0 when the database matches, 1 for drift (with <c>--json</c>, every problem by kind), and 2
/// when it could not check (no target schema, a database that does not exist, a broken config), against real SQLite.
/// </summary>
public sealed class CheckExitCodeTests
{
    // The target schema is CheckUpToDateTests.CheckTarget, found in this assembly: table t (id INTEGER PRIMARY KEY).
    private static async Task<CliResult> RunAsync(string directory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RetortCommandLine.RunAsync(args, new RetortCommandLineOptions
        {
            RevisionsAssembly = typeof(CheckExitCodeTests).Assembly,
            Out = output,
            Error = error,
            WorkingDirectory = directory,
            GetEnvironmentVariable = _ => null,
        });
        return new CliResult(code, output.ToString(), error.ToString());
    }

    private static JsonElement Json(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Out);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Check_exits_0_when_it_matches_1_for_drift_and_2_when_it_could_not_check()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var first = await SqlEnvironment.RevisionAsync(env, "create t", "CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL);", "DROP TABLE t;");

        // Could not check: the database does not exist (and is not created).
        var missing = await RunAsync(env, "check", "--json");
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Equal("", missing.Out);
        Assert.Contains("does not exist", missing.Error);
        Assert.False(File.Exists(Path.Combine(env, "app.db")));

        Assert.Equal(0, (await RunAsync(env, "upgrade", "head")).ExitCode);
        var clean = await RunAsync(env, "check", "--json");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        var ok = Json(clean);
        Assert.Equal(1, ok.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("check", ok.GetProperty("command").GetString());
        Assert.True(ok.GetProperty("ok").GetBoolean());
        Assert.EndsWith("app.db", ok.GetProperty("database").GetString());
        Assert.Equal(first, Assert.Single(ok.GetProperty("heads").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty(ok.GetProperty("problems").EnumerateArray());
        Assert.Contains("No differences", (await RunAsync(env, "check")).Out);

        // Drift: a table the target schema does not have, and a revision not applied.
        var extra = await SqlEnvironment.RevisionAsync(env, "extra", "CREATE TABLE extra (id INTEGER);", "DROP TABLE extra;");
        Assert.Equal(0, (await RunAsync(env, "upgrade", "head")).ExitCode);
        await SqlEnvironment.RevisionAsync(env, "later", "SELECT 1;", null);
        var drift = await RunAsync(env, "check", "--json");
        Assert.True(drift.ExitCode == 1, drift.ToString());
        var failed = Json(drift);
        Assert.False(failed.GetProperty("ok").GetBoolean());
        var problems = failed.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(["notUpToDate", "schemaDiff"], problems.Select(p => p.GetProperty("kind").GetString()!));
        Assert.Contains($"it is at {extra}", problems[0].GetProperty("message").GetString());
        Assert.Empty(problems[0].GetProperty("differences").EnumerateArray());
        Assert.Contains("drop table extra", Assert.Single(problems[1].GetProperty("differences").EnumerateArray()).GetString());
        // The error stays on standard error, as without --json.
        Assert.StartsWith("error: The database is not up to date", drift.Error);
        var plain = await RunAsync(env, "check");
        Assert.Equal(1, plain.ExitCode);
        Assert.Equal("", plain.Out);
        Assert.Contains("drop table extra", plain.Error);

        // Could not check: a broken config.
        File.WriteAllText(Path.Combine(env, "retort.json"), "{ \"url\": ");
        var broken = await RunAsync(env, "check");
        Assert.True(broken.ExitCode == 2, broken.ToString());
        Assert.StartsWith("error: ", broken.Error);
    }

    [Fact]
    public async Task Check_without_a_target_schema_could_not_check()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "create t", "CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL);", "DROP TABLE t;");
        await CliRunner.OkAsync(env, "upgrade", "head");
        var result = await CliRunner.RunAsync(env, "check", "--json");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("target schema", result.Error);
        Assert.Equal("", result.Out);
    }
}

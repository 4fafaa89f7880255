using System.Net;
using System.Net.Sockets;
using Retort.Cli.Tests;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests.Cli;

/// <summary>Errors on PostgreSQL: exit code 1, one paragraph, no stack trace, the database untouched, no password.</summary>
public sealed class PgCliErrorTests
{
    private const string Secret = "hunter2-not-printed";

    private static void AssertError(CliResult result, string expected)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain(Secret, result.Out + result.Error);
    }

    // The throwaway server trusts local connections, so a password in the URL is accepted and ignored.
    private static string WithPassword(string url) => url.Replace("postgresql://retort@", $"postgresql://retort:{Secret}@", StringComparison.Ordinal);

    [PgFact]
    public async Task A_failing_revision_names_revision_statement_and_server_message_and_changes_nothing()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        var url = WithPassword(env.Database.Url);
        Assert.Contains(Secret, url);
        var good = await env.RevisionAsync("good", "CREATE TABLE good (id integer PRIMARY KEY);", "DROP TABLE good;");
        var bad = await env.RevisionAsync("bad", "CREATE TABLE half (id integer);\nINSERT INTO good (id) VALUES (1), (1);", "DROP TABLE half;");

        var result = await CliRunner.RunAsync(env.Path, "--url", url, "upgrade", "head");
        AssertError(result, bad);
        Assert.Contains("INSERT INTO good", result.Error);
        Assert.Contains("duplicate key value violates unique constraint", result.Error);
        Assert.Contains($"-> {good}", result.Out);
        // The good revision committed; the bad one rolled back entirely, its version row and its table included.
        Assert.Equal(good, await env.Database.ScalarAsync<string>("SELECT string_agg(version_num, ',') FROM retort_version"));
        Assert.Equal(0L, await env.Database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'half'"));

        // --verbose adds the exception's details, still without the password.
        var verbose = await CliRunner.RunAsync(env.Path, "--url", url, "-v", "upgrade", "head");
        Assert.Equal(1, verbose.ExitCode);
        Assert.DoesNotContain(Secret, verbose.Out + verbose.Error);
        foreach (var args in new[] { new[] { "current" }, ["history", "-v"], ["heads"], ["upgrade", good, "--sql"] })
        {
            var ok = await CliRunner.RunAsync(env.Path, ["--url", url, "-v", .. args]);
            Assert.True(ok.ExitCode == 0, ok.ToString());
            Assert.DoesNotContain(Secret, ok.Out + ok.Error);
        }
        var fromVariable = await CliRunner.RunAsync(env.Path, new Dictionary<string, string> { ["RETORT_URL"] = url }, "upgrade", "nosuchrev");
        AssertError(fromVariable, "No revision matches 'nosuchrev'");
    }

    [PgFact]
    public async Task Unreachable_server_bad_database_and_bad_url_options()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        await env.RevisionAsync("one", "CREATE TABLE one (id integer);", "DROP TABLE one;");
        AssertError(await CliRunner.RunAsync(env.Path, "--url", $"postgresql://retort:{Secret}@127.0.0.1:{ClosedPort()}/app?connect_timeout=5", "upgrade", "head"),
            "Cannot connect to");
        var missing = WithPassword(env.Database.Url).Replace("/retort_test_", "/no_such_db_", StringComparison.Ordinal);
        AssertError(await CliRunner.RunAsync(env.Path, "--url", missing, "current"), "no_such_db_");
        AssertError(await CliRunner.RunAsync(env.Path, "--url", WithPassword(env.Database.Url) + "?lock_timeout=soon", "current"), "not a duration");
        AssertError(await CliRunner.RunAsync(env.Path, "--url", WithPassword(env.Database.Url) + "?nonsense_key=1", "current"), "nonsense_key");
        AssertError(await CliRunner.RunAsync(env.Path, "--url", $"Dialect=postgresql;Host=127.0.0.1;Port={ClosedPort()};Username=retort;Password={Secret};Database=x", "current"),
            "Cannot connect to");
    }

    [PgFact]
    public async Task Version_table_naming_an_unknown_revision_and_offline_downgrade_without_range()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        var one = await env.RevisionAsync("one", "CREATE TABLE one (id integer);", "DROP TABLE one;");
        await env.OkAsync("upgrade", "head");
        File.Delete(Directory.GetFiles(Path.Combine(env.Path, "Revisions"), one + "*.sql").Single());
        await env.RevisionAsync("other", "CREATE TABLE other (id integer);", "DROP TABLE other;");
        AssertError(await env.RunAsync("current"), $"names revision(s) {one}, which no revision script defines");
        AssertError(await env.RunAsync("upgrade", "head"), "stamp --purge");
        Assert.Equal(0L, await env.Database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'other'"));
        AssertError(await env.RunAsync("downgrade", "base", "--sql"), "needs a starting point");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

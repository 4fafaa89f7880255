using System.Net;
using System.Net.Sockets;
using Npgsql;
using Retort.Specification.Cli;
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

    /// <summary>Every way to give a password: user info, a query parameter in any spelling, a connection string.</summary>
    private static IEnumerable<string> PasswordForms(PgDatabase db, int? port = null)
    {
        var b = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        var hostPort = $"{b.Host}:{port ?? b.Port}";
        yield return $"postgresql://{b.Username}:{Secret}@{hostPort}/{b.Database}";
        yield return $"postgresql://{b.Username}@{hostPort}/{b.Database}?password={Secret}";
        yield return $"postgres://{b.Username}@{hostPort}/{b.Database}?application_name=retort-test&Password={Secret}";
        yield return $"postgresql://{b.Username}@{hostPort}/{b.Database}?sslmode=disable&sslpassword={Secret}";
        yield return $"postgresql://{b.Username}@{hostPort}/{b.Database}?ssl%20password={Secret}";
        yield return $"Dialect=postgresql;Host={b.Host};Port={port ?? b.Port};Username={b.Username};Password={Secret};Database={b.Database}";
    }

    private static string WithQuery(string url, string pair) =>
        url.StartsWith("Dialect=", StringComparison.Ordinal) ? url + ";" + pair : url + (url.Contains('?') ? "&" : "?") + pair;

    [PgFact]
    public async Task Passwords_in_every_url_form_are_never_printed()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        var good = await env.RevisionAsync("good", "CREATE TABLE good (id integer PRIMARY KEY);", "DROP TABLE good;");
        await env.RevisionAsync("bad", "INSERT INTO good (id) VALUES (1), (1);", "DELETE FROM good;");
        async Task<CliResult> RunAsync(bool ok, params string[] args)
        {
            foreach (var verbose in new[] { false, true })
            {
                var r = await CliRunner.RunAsync(env.Path, verbose ? ["--verbose", .. args] : args);
                Assert.DoesNotContain(Secret, r.Out + r.Error);
                Assert.True(r.ExitCode == (ok ? 0 : 1), r.ToString());
                if (!verbose && !ok) AssertError(r, "");
                if (verbose) return r;
            }
            throw new InvalidOperationException("unreachable");
        }

        foreach (var url in PasswordForms(env.Database))
        {
            // A failing revision (the server's message and the statement), then commands that print the database.
            var failed = await RunAsync(false, "--url", url, "upgrade", "head");
            Assert.Contains("duplicate key value violates unique constraint", failed.Error);
            Assert.Contains("Current revision(s) for postgres", (await RunAsync(true, "--url", url, "current")).Out);
            await RunAsync(true, "--url", url, "history", "-i");
            await RunAsync(true, "--url", url, "heads");
            await RunAsync(true, "--url", url, "stamp", good);
            // Unknown and malformed parameters.
            Assert.Contains("nonsense_key", (await RunAsync(false, "--url", WithQuery(url, "nonsense_key=1"), "current")).Error);
            if (!url.StartsWith("Dialect=", StringComparison.Ordinal))
                Assert.Contains("not a duration", (await RunAsync(false, "--url", WithQuery(url, "lock_timeout=soon"), "current")).Error);
        }
        // Connecting fails: nothing listens on the port.
        foreach (var url in PasswordForms(env.Database, ClosedPort()))
            Assert.Contains("Cannot connect to", (await RunAsync(false, "--url", WithQuery(url, url.StartsWith("Dialect=", StringComparison.Ordinal) ? "Timeout=5" : "connect_timeout=5"), "upgrade", "head")).Error);
        Assert.Equal(good, await env.Database.ScalarAsync<string>("SELECT string_agg(version_num, ',') FROM retort_version"));
    }

    [PgFact]
    public async Task A_failed_first_run_a_dropped_version_table_and_an_edited_revision()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        var first = await env.RevisionAsync("one", "CREATE TABLE one (id integer);", "DROP TABLE one;");
        var firstFile = Directory.GetFiles(Path.Combine(env.Path, "Revisions"), first + "*.sql").Single();
        var text = File.ReadAllText(firstFile);

        // A fresh database whose first revision fails keeps none of Retort's tables.
        File.WriteAllText(firstFile, text.Replace("CREATE TABLE one (id integer);", "CREATE TABLE one (id integer);\nINSERT INTO missing VALUES (1);"));
        AssertError(await env.RunAsync("upgrade", "head"), "relation \"missing\" does not exist");
        Assert.Equal(0L, await env.Database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname IN ('one', 'retort_version', 'retort_history', 'retort_progress')"));
        File.WriteAllText(firstFile, text);

        var second = await env.RevisionAsync("two", "CREATE TABLE two (id integer);", "DROP TABLE two;");
        await env.OkAsync("upgrade", "head");
        await env.Database.ExecuteAsync("DROP TABLE retort_version");
        AssertError(await env.RunAsync("upgrade", "head"), $"'retort stamp {second}'");
        Assert.Equal(0L, await env.Database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'retort_version'"));
        Assert.Contains("warning: ", (await env.RunAsync("current")).Error);
        await env.OkAsync("stamp", second);

        File.WriteAllText(firstFile, text.Replace("CREATE TABLE one (id integer);", "CREATE TABLE one (id bigint);"));
        AssertError(await env.RunAsync("upgrade", "head"), $"{first} ({firstFile})");
        Assert.Contains("Edited:", await env.OkAsync("history", "-v"));
        Assert.Contains($"Accepted the edit of {first}", await env.OkAsync("accept", first));
        Assert.Contains("Nothing to do", await env.OkAsync("upgrade", "head"));
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

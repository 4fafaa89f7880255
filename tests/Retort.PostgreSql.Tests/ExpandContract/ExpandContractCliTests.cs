using Npgsql;
using Retort.Dialects;
using Retort.PostgreSql.Tests.Cli;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>
/// Online operations written in a SQL revision, run through the CLI as a user runs them: upgrade expands and leaves the
/// revision waiting (current says so), upgrading past it is refused naming complete, abort and complete settle it, and
/// every bad request gets a non-zero exit with a sentence saying what to do and nothing changed.
/// </summary>
public sealed class ExpandContractCliTests
{
    [PgFact]
    public async Task Upgrade_expands_current_shows_the_wait_and_complete_and_abort_settle_it()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        var r1 = await env.RevisionAsync("accounts",
            "CREATE TABLE accounts (id serial PRIMARY KEY, amount integer NOT NULL DEFAULT 0, note text);\n" +
            "CREATE TABLE people (id serial PRIMARY KEY, nick text);\n" +
            "INSERT INTO accounts (amount) SELECT g FROM generate_series(1, 300) g;\nINSERT INTO people (nick) VALUES ('ann');",
            "DROP TABLE accounts;\nDROP TABLE people;");
        var r2 = await env.RevisionAsync("online",
            "-- retort:online\nALTER TABLE accounts ALTER COLUMN amount TYPE bigint;\n\n" +
            "-- retort:online\nALTER TABLE people RENAME COLUMN nick TO name;",
            "ALTER TABLE accounts ALTER COLUMN amount TYPE integer;\nALTER TABLE people RENAME COLUMN name TO nick;");
        var r3 = await env.RevisionAsync("later", "CREATE TABLE later (id integer);", "DROP TABLE later;");
        var (oldSchema, newSchema) = (OnlineVersions.SchemaName("public", r1), OnlineVersions.SchemaName("public", r2));

        await env.OkAsync("upgrade", r2);
        var current = await env.OkAsync("current");
        Assert.Contains($"{r2} (expanded, waiting for complete: the old version's views are in {oldSchema}, the new version's in {newSchema}; run 'retort complete {r2}'", current);

        Assert.Contains($"{r2}: expanded, waiting for complete ('retort complete {r2}'", await env.OkAsync("history", "-i"));

        // The same for scripts: current --json lists the waiting revision with both versions' schemas.
        using (var json = System.Text.Json.JsonDocument.Parse(await env.OkAsync("current", "--json")))
        {
            var waiting = Assert.Single(json.RootElement.GetProperty("waiting").EnumerateArray());
            Assert.Equal(r2, waiting.GetProperty("revision").GetString());
            Assert.Equal([oldSchema], waiting.GetProperty("oldVersionSchemas").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal([newSchema], waiting.GetProperty("newVersionSchemas").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(2, waiting.GetProperty("operations").GetArrayLength());
        }

        // Upgrading past it is refused, naming complete and abort; nothing changes.
        var refused = await env.RunAsync("upgrade", "head");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"Revision {r2} is expanded and waiting for complete", refused.Error);
        Assert.Contains($"'retort complete {r2}'", refused.Error);
        Assert.Contains($"'retort abort {r2}'", refused.Error);
        Assert.Equal(0L, await env.Database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'later'"));
        var downgrade = await env.RunAsync("downgrade", "-1");
        Assert.Equal(1, downgrade.ExitCode);
        Assert.Contains($"'retort abort {r2}'", downgrade.Error);

        // Bad requests: an unknown revision, one with nothing to complete.
        var unknown = await env.RunAsync("complete", "nosuchrev");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("nosuchrev", unknown.Error);
        var plain = await env.RunAsync("complete", r1);
        Assert.Equal(1, plain.ExitCode);
        Assert.Contains($"Revision {r1} has nothing to complete: it has no online operations.", plain.Error);

        // The new application writes through its version; abort keeps the row in the old shape.
        await WriteAsync(env, $"{newSchema}, public", "INSERT INTO accounts (amount) VALUES (7000000)");
        var abort = await env.OkAsync("abort");
        Assert.Contains($"Aborted the expand of {r2}", abort);
        Assert.Equal(1L, await env.Database.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE amount = 7000000"));
        Assert.Contains(r1, await env.OkAsync("current"));
        var nothing = await env.RunAsync("complete");
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("There is nothing to complete: no revision is expanded and waiting for complete", nothing.Error);
        var noAbort = await env.RunAsync("abort");
        Assert.Equal(1, noAbort.ExitCode);
        Assert.Contains("There is nothing to abort", noAbort.Error);

        // Expand again, complete, then the upgrade past it runs.
        await env.OkAsync("upgrade", r2);
        await WriteAsync(env, $"{oldSchema}, public", "INSERT INTO accounts (amount) VALUES (41)");
        var complete = await env.OkAsync("complete", r2);
        Assert.Contains($"Completed {r2}", complete);
        Assert.Equal("bigint", await env.Database.ScalarAsync<string>("SELECT data_type::text FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'amount' AND table_schema = 'public'"));
        Assert.Equal(302L, await env.Database.ScalarAsync<long>("SELECT count(*) FROM accounts"));
        Assert.Equal("ann", await env.Database.ScalarAsync<string>($"SELECT name FROM {newSchema}.people"));
        Assert.DoesNotContain("waiting for complete", await env.OkAsync("current"));
        await env.OkAsync("upgrade", "head");
        Assert.Contains(r3, await env.OkAsync("current"));
        var directions = await env.Database.ScalarAsync<string>($"SELECT string_agg(direction, ',' ORDER BY id) FROM retort_history WHERE revision = '{r2}'");
        Assert.Equal("expand,abort,expand,complete", directions);
    }

    private static async Task WriteAsync(PgCliEnvironment env, string searchPath, string sql)
    {
        await using var connection = await env.Database.ConnectAsync();
        await using var command = new NpgsqlCommand($"SET search_path = {searchPath}; {sql}", connection);
        await command.ExecuteNonQueryAsync();
    }
}

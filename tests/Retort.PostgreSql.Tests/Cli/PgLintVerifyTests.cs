using System.Text.Json;
using Npgsql;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Cli;

namespace Retort.PostgreSql.Tests.Cli;

/// <summary>
/// <c>retort lint --verify</c> on PostgreSQL: the pending plan runs statement by statement on a schema-only shadow (a
/// scratch database made from the target's schema and dropped afterwards, or <c>--shadow-url</c>), the report shows
/// the locks and rewrites the server reported beside the rules' claims, and the target is only read.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class PgLintVerifyTests
{
    private const string Hazard = "CREATE INDEX ix_accounts_email ON accounts (email);\nALTER TABLE accounts ADD COLUMN note text;";

    // A database at its first revision (accounts with rows) and a pending revision that indexes it without CONCURRENTLY and adds a column.
    private static async Task<PgCliEnvironment> SetUpAsync()
    {
        var env = await PgCliEnvironment.CreateAsync();
        await env.RevisionAsync("accounts",
            "CREATE TABLE accounts (id integer PRIMARY KEY, email text NOT NULL);\nINSERT INTO accounts SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 50) g;",
            "DROP TABLE accounts;");
        await env.OkAsync("upgrade", "head");
        await env.RevisionAsync("index and note", Hazard, "ALTER TABLE accounts DROP COLUMN note;\nDROP INDEX ix_accounts_email;");
        return env;
    }

    private static async Task<string> TargetStateAsync(PgDatabase db) =>
        string.Join(" | ",
            await db.ScalarAsync<string>("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'accounts'"),
            await db.ScalarAsync<string>("SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns WHERE table_name = 'accounts'"),
            await db.ScalarAsync<string>("SELECT string_agg(version_num, ',' ORDER BY version_num) FROM retort_version"),
            await db.ScalarAsync<long>("SELECT count(*) FROM accounts"));

    private static async Task<long> DatabaseCountAsync(string? name = null)
    {
        await using var connection = new NpgsqlConnection(PgServer.Instance.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE @name IS NULL OR datname = @name", connection);
        command.Parameters.AddWithValue("name", NpgsqlTypes.NpgsqlDbType.Text, (object?)name ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [PgFact]
    public async Task Verify_reports_the_locks_each_statement_took_on_a_scratch_shadow_and_leaves_the_target_and_server_as_they_were()
    {
        await using var env = await SetUpAsync();
        var before = await TargetStateAsync(env.Database);
        var databases = await DatabaseCountAsync();

        var result = await env.RunAsync("lint", "--verify", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString()); // RT011 is an error finding: as lint.
        using var json = JsonDocument.Parse(result.Out);
        var verify = json.RootElement.GetProperty("verify");
        Assert.True(verify.GetProperty("scratch").GetBoolean());
        Assert.Equal(JsonValueKind.Null, verify.GetProperty("failure").ValueKind);
        var statements = verify.GetProperty("statements").EnumerateArray().ToList();
        Assert.Equal(2, statements.Count);

        var index = statements[0];
        Assert.StartsWith("CREATE INDEX ix_accounts_email", index.GetProperty("sql").GetString());
        var indexed = index.GetProperty("relations").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "accounts");
        Assert.Equal("ShareLock", indexed.GetProperty("strongestLock").GetString());
        Assert.False(indexed.GetProperty("rewritten").GetBoolean());
        var claim = index.GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("rule").GetString() == "RT011");
        Assert.Equal("agree", claim.GetProperty("result").GetString());
        Assert.Equal("ShareLock", claim.GetProperty("lock").GetString());

        var alter = statements[1];
        Assert.StartsWith("ALTER TABLE accounts ADD COLUMN note", alter.GetProperty("sql").GetString());
        var altered = alter.GetProperty("relations").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "accounts");
        Assert.Equal("AccessExclusiveLock", altered.GetProperty("strongestLock").GetString());
        Assert.False(altered.GetProperty("rewritten").GetBoolean());

        // The scratch database is gone, and the target was only read.
        var shadow = verify.GetProperty("shadow").GetString()!;
        var scratchName = shadow.Split(' ')[2];
        Assert.StartsWith("retort_test_", scratchName);
        Assert.NotEqual(env.Database.Url.Split('/').Last(), scratchName);
        Assert.Equal(0, await DatabaseCountAsync(scratchName));
        Assert.Equal(databases, await DatabaseCountAsync());
        Assert.Equal(before, await TargetStateAsync(env.Database));
        Assert.DoesNotContain("ix_accounts_email", before);
    }

    [PgFact]
    public async Task Verify_for_people_shows_the_observed_locks_beside_the_claims()
    {
        await using var env = await SetUpAsync();
        var result = await env.RunAsync("lint", "--verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("(schema only, no rows): 2 statement(s), 0 claim(s) the server disagreed with.", result.Out);
        Assert.Contains("observed: public.accounts: ShareLock", result.Out);
        Assert.Contains("RT011 claims ShareLock on accounts: agree", result.Out);
        Assert.Contains("observed: public.accounts: AccessExclusiveLock", result.Out);
    }

    [PgFact]
    public async Task Verify_runs_on_the_shadow_url_and_never_on_the_target()
    {
        await using var env = await SetUpAsync();
        await using var shadow = await PgDatabase.CreateAsync();
        await shadow.ExecuteAsync("CREATE TABLE accounts (id integer PRIMARY KEY, email text NOT NULL)");
        var before = await TargetStateAsync(env.Database);

        var result = await env.RunAsync("lint", "--verify", "--shadow-url", shadow.Url, "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.False(json.RootElement.GetProperty("verify").GetProperty("scratch").GetBoolean());
        Assert.Equal(before, await TargetStateAsync(env.Database));
        // The statements stayed applied on the shadow.
        Assert.Equal(1L, await shadow.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_accounts_email'"));
        Assert.Equal(1L, await shadow.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'note'"));
    }

    [PgFact]
    public async Task Verify_refuses_the_target_as_its_shadow()
    {
        await using var env = await SetUpAsync();
        var before = await TargetStateAsync(env.Database);
        // The same database under another host name is still the target.
        var sameByAnotherName = env.Database.Url.Replace("@127.0.0.1:", "@localhost:", StringComparison.Ordinal);

        foreach (var url in new[] { env.Database.Url, sameByAnotherName })
        {
            var result = await env.RunAsync("lint", "--verify", "--shadow-url", url);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("--shadow-url names the target database itself", result.Error);
        }
        Assert.Equal(before, await TargetStateAsync(env.Database));
    }

    [PgFact]
    public async Task A_statement_that_fails_on_the_shadow_is_named_and_exits_2()
    {
        await using var env = await SetUpAsync();
        await using var shadow = await PgDatabase.CreateAsync(); // holds no accounts table: the index fails there
        var result = await env.RunAsync("lint", "--verify", "--shadow-url", shadow.Url);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("FAILED: ", result.Out);
        Assert.Contains("failed on the shadow database", result.Out);
        Assert.Contains("relation \"accounts\" does not exist", result.Out);
    }

    [PgFact]
    public async Task A_statement_that_fails_on_the_scratch_shadow_still_drops_it()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        await env.RevisionAsync("accounts", "CREATE TABLE accounts (id integer PRIMARY KEY);\nINSERT INTO accounts VALUES (1);", "DROP TABLE accounts;");
        await env.OkAsync("upgrade", "head");
        // Fine on the target (one row), a division by zero on the empty shadow.
        await env.RevisionAsync("check", "SELECT 1 / (SELECT count(*) FROM accounts);", null);
        var databases = await DatabaseCountAsync();

        var result = await env.RunAsync("lint", "--verify", "--format", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var verify = json.RootElement.GetProperty("verify");
        Assert.Contains("division by zero", verify.GetProperty("failure").GetString());
        Assert.Contains("division by zero", verify.GetProperty("statements")[0].GetProperty("error").GetString());
        Assert.Equal(0, await DatabaseCountAsync(verify.GetProperty("shadow").GetString()!.Split(' ')[2]));
        Assert.Equal(databases, await DatabaseCountAsync());
    }
}

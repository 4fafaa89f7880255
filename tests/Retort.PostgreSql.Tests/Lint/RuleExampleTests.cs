using Npgsql;
using Retort.Lint;
using Retort.PostgreSql.Lint;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests.Lint;

/// <summary>
/// Every PostgreSQL rule's example run on the real server: the lock modes held on the example's table (from
/// <c>pg_locks</c>), whether its relation file changed and whether it was scanned must be what the rule claims. A rule
/// whose claim disagrees with the server fails here.
/// </summary>
public sealed class RuleExampleTests(PgDatabase database) : IClassFixture<PgDatabase>
{
    /// <summary>The ids of the PostgreSQL dialect's rules that have an example.</summary>
    public static TheoryData<string> RulesWithExamples()
    {
        var data = new TheoryData<string>();
        foreach (var rule in new PostgreSqlDialect().Lint.Rules.Where(r => r.Example is not null)) data.Add(rule.Id);
        return data;
    }

    [PgTheory]
    [MemberData(nameof(RulesWithExamples))]
    public async Task The_server_does_what_the_rule_claims(string id)
    {
        var rule = new PostgreSqlDialect().Lint.Rules.Single(r => r.Id == id);
        var example = rule.Example!;
        var schema = "lint_" + id.ToLowerInvariant() + "_" + Guid.NewGuid().ToString("N")[..6];
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = schema }.ConnectionString;
        await database.ExecuteAsync($"CREATE SCHEMA {schema}");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var setup = new NpgsqlCommand(example.Setup, connection);
            await setup.ExecuteNonQueryAsync();
        }
        if (example.Statement.Contains(PostgreSqlRules.ExampleTablespace, StringComparison.Ordinal)) await EnsureTablespaceAsync();

        var observation = await new LockObserver(connectionString).ObserveAsync(example.Statement, blockTable: example.Table);
        if (example.Statement.Contains(PostgreSqlRules.ExampleTablespace, StringComparison.Ordinal))
            await database.ExecuteAsync($"DROP TABLESPACE {PostgreSqlRules.ExampleTablespace}");

        var disagreement = RuleClaim.Disagreement(rule, example.Table, observation.For(schema + "." + example.Table), await ServerVersionAsync());
        Assert.True(disagreement is null, disagreement);
    }

    private async Task<Version> ServerVersionAsync()
    {
        var number = int.Parse(await database.ScalarAsync<string>("SHOW server_version_num"), System.Globalization.CultureInfo.InvariantCulture);
        return new Version(number / 10000, number % 10000 / 100);
    }

    // The SET TABLESPACE example needs a second tablespace: a directory the server owns, made by the server itself
    // (the test runs as a superuser on a throwaway cluster), next to its data directory; cat reads the row COPY writes,
    // so the pipe stays open until mkdir is done.
    private async Task EnsureTablespaceAsync()
    {
        if (await database.ScalarAsync<long>($"SELECT count(*) FROM pg_tablespace WHERE spcname = '{PostgreSqlRules.ExampleTablespace}'") > 0) return;
        var data = await database.ScalarAsync<string>("SELECT setting FROM pg_settings WHERE name = 'data_directory'");
        var directory = data.TrimEnd('/') + "_" + PostgreSqlRules.ExampleTablespace;
        await database.ExecuteAsync($"COPY (SELECT 1) TO PROGRAM 'mkdir -p {directory} && cat > /dev/null'");
        await database.ExecuteAsync($"CREATE TABLESPACE {PostgreSqlRules.ExampleTablespace} LOCATION '{directory}'");
    }
}

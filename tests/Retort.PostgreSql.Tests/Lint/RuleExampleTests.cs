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

        var table = observation.For(schema + "." + example.Table);
        var seen = table is null ? "nothing" : $"modes [{string.Join(", ", table.Modes)}], rewritten {table.Rewritten}, scans {table.Scans?.ToString() ?? "not observed"}";
        Assert.True(table is not null, $"{id}: the statement took no lock on {example.Table} and did not rewrite it; the rule claims {rule.Lock}.");
        Assert.True(rule.Lock == table.StrongestMode, $"{id}: the rule claims {rule.Lock} on {example.Table}; the server showed {seen}.");
        var version = await ServerVersionAsync();
        var hazardPresent = rule.GoneInVersion is null || version < rule.GoneInVersion;
        Assert.True(table.Rewritten == (rule.Rewrites && hazardPresent),
            $"{id}: the rule claims rewrites={rule.Rewrites}{(hazardPresent ? "" : $" before PostgreSQL {rule.GoneInVersion} (this server is {version})")}; the server showed {seen}.");
        // A rewrite builds the new file from the old one (or, for TRUNCATE, rebuilds the indexes over an empty one), and
        // the server counts that as a scan or not depending on how it copies: scans are compared only without a rewrite.
        if (table.Scans is { } scans && !table.Rewritten)
            Assert.True(scans > 0 == (rule.Scans && hazardPresent),
                $"{id}: the rule claims scans={rule.Scans}; the server showed {seen}.");
    }

    private async Task<Version> ServerVersionAsync()
    {
        var number = int.Parse(await database.ScalarAsync<string>("SHOW server_version_num"), System.Globalization.CultureInfo.InvariantCulture);
        return new Version(number / 10000, number % 10000 / 100);
    }

    // The SET TABLESPACE example needs a second tablespace: a directory the server owns, made by the server itself
    // (the test runs as a superuser on a throwaway cluster), next to its data directory.
    private async Task EnsureTablespaceAsync()
    {
        if (await database.ScalarAsync<long>($"SELECT count(*) FROM pg_tablespace WHERE spcname = '{PostgreSqlRules.ExampleTablespace}'") > 0) return;
        var data = await database.ScalarAsync<string>("SELECT setting FROM pg_settings WHERE name = 'data_directory'");
        var directory = data.TrimEnd('/') + "_" + PostgreSqlRules.ExampleTablespace;
        await database.ExecuteAsync($"COPY (SELECT 1) TO PROGRAM 'mkdir -p {directory}'");
        await database.ExecuteAsync($"CREATE TABLESPACE {PostgreSqlRules.ExampleTablespace} LOCATION '{directory}'");
    }
}

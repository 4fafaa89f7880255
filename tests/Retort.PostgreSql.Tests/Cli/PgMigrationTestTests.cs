using Npgsql;
using Quickstart;
using Retort.Cli;
using Retort.Specification.Cli;
using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Testing;

namespace Retort.PostgreSql.Tests.Cli;

/// <summary>
/// <c>retort test</c> and the testing library on PostgreSQL: the quickstart passes every check on a throwaway
/// database made on the server, which is dropped afterwards.
/// </summary>
public sealed class PgMigrationTestTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static readonly System.Reflection.Assembly Environment = typeof(AppSchema).Assembly;

    [PgFact]
    public async Task The_quickstart_passes_every_check_on_a_throwaway_postgresql_database()
    {
        string name;
        await using (var scratch = await ThrowawayDatabase.CreateAsync(db.Url))
        {
            Assert.Equal("postgresql", scratch.Database.Dialect.Name);
            name = (string)(await scratch.QueryAsync("SELECT current_database()"))[0][0]!;
            Assert.StartsWith("retort_test_", name);
            var report = await new MigrationTester(scratch.Database, RevisionSet.FromAssemblies(Environment), new MigrationTestOptions
            {
                TargetSchema = new TargetSchema(),
                Fixtures = RevisionFixture.Discover(Environment),
            }).RunAsync();
            CheckResults.ThrowIfFailed(report);
            Assert.Contains(report.Results, r => r.Check == MigrationCheck.ModelMatchesDatabase && !r.Skipped);
            Assert.True(await DatabaseExistsAsync(name));
        }
        Assert.False(await DatabaseExistsAsync(name));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [PgFact]
    public async Task Retort_test_with_a_postgresql_url_reports_every_check()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var dir = new TempDir();
        var code = await RetortCommandLine.RunAsync(["test", "--url", db.Url, "--json"], new RetortCommandLineOptions
        {
            RevisionsAssembly = Environment, Out = output, Error = error, WorkingDirectory = dir.Path, GetEnvironmentVariable = _ => null,
        });
        Assert.True(code == 0, error.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal("postgresql", json.RootElement.GetProperty("dialect").GetString());
        Assert.Equal(20, json.RootElement.GetProperty("results").GetArrayLength());
    }

    private static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PgServer.Instance.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}

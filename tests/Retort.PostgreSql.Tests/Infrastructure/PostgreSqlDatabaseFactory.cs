using Retort.Connections;
using Retort.Specification;

namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>
/// PostgreSQL's databases for the tests: a fresh database on the throwaway server (<see cref="PgServer"/>). Without a
/// server outside CI, every PostgreSQL test is skipped with the reason <see cref="SkipRule"/> gives.
/// </summary>
public sealed class PostgreSqlDatabaseFactory : TestDatabaseFactory
{
    /// <summary>The one instance.</summary>
    public static PostgreSqlDatabaseFactory Instance => Get<PostgreSqlDatabaseFactory>();

    public override string Dialect => "postgresql";

    public override string? SkipReason =>
        SkipRule.MissingServer("PostgreSQL", PgServer.Available, "Install PostgreSQL (initdb/pg_ctl) or set RETORT_TEST_PG_URL");

    public override async Task<TestDatabase> CreateAsync() => await PgDatabase.CreateAsync();

    public override Database OpenOffline() => Database.Open("postgresql://offline@localhost/never_opened");
}

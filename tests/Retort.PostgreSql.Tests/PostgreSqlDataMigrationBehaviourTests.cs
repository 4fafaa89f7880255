using Retort.Behaviour;
using Retort.Behaviour.Data;
using Retort.Connections;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests;

/// <summary>The shared data migration suite on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlDataMigrationBehaviourTests : DataMigrationBehaviourTests
{
    protected override async Task<IBehaviourDatabase> CreateDatabaseAsync()
    {
        var db = new PgDatabase();
        await db.InitializeAsync();
        return new PostgreSqlBehaviourDatabase(db);
    }

    protected override Database OfflineDatabase() => Database.Open("postgresql://offline@localhost/never_opened");
}

using Retort.Behaviour;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests;

/// <summary>The shared version-table and edited-revision suite on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlVersionStateBehaviourTests : VersionStateBehaviourTests
{
    protected override async Task<IBehaviourDatabase> CreateDatabaseAsync()
    {
        var db = new PgDatabase();
        await db.InitializeAsync();
        return new PostgreSqlBehaviourDatabase(db);
    }
}

using Retort.Behaviour;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests;

/// <summary>The shared autogenerate suite on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlAutogenerateBehaviourTests : AutogenerateBehaviourTests
{
    protected override async Task<IBehaviourDatabase> CreateDatabaseAsync()
    {
        var db = new PgDatabase();
        await db.InitializeAsync();
        return new PostgreSqlBehaviourDatabase(db);
    }
}

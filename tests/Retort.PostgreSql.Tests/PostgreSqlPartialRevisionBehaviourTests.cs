using Retort.Behaviour;
using Retort.Behaviour.Data;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests;

/// <summary>The shared suite of partly applied revisions, on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlPartialRevisionBehaviourTests : PartialRevisionBehaviourTests
{
    protected override async Task<IBehaviourDatabase> CreateDatabaseAsync()
    {
        var db = new PgDatabase();
        await db.InitializeAsync();
        return new PostgreSqlBehaviourDatabase(db);
    }
}

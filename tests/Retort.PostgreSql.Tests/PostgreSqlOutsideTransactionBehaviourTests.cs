using Retort.Behaviour;
using Retort.Connections;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests;

/// <summary>The shared suite of statements outside the revision's transaction, on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlOutsideTransactionBehaviourTests : OutsideTransactionBehaviourTests
{
    protected override async Task<IBehaviourDatabase> CreateDatabaseAsync()
    {
        var db = new PgDatabase();
        await db.InitializeAsync();
        return new PostgreSqlBehaviourDatabase(db);
    }

    protected override Database OfflineDatabase() => Database.Open("postgresql://offline@localhost/never_opened");
}

using Retort.Behaviour;
using Retort.Behaviour.Data;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests;

/// <summary>The shared kill-and-resume suite on PostgreSQL, one fresh database per run.</summary>
public sealed class PostgreSqlKillResumeTests : KillResumeBehaviourTests
{
    protected override async Task<IBehaviourDatabase> CreateDatabaseAsync()
    {
        var db = new PgDatabase();
        await db.InitializeAsync();
        return new PostgreSqlBehaviourDatabase(db);
    }
}

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

    /// <summary>The backfill by copy and swap, killed while copying, and right at the end of the copy (replaying, building indexes or swapping).</summary>
    [PgTheory]
    [InlineData(1200, false)]
    [InlineData(700, true)]
    [InlineData(2950, false)]
    public Task Killed_mid_copy_and_swap_and_rerun_gives_exactly_the_uninterrupted_result(long afterRows, bool integerKey) =>
        // The last case kills wherever the run is after the last copy batches: replaying, building indexes or swapping.
        KillAndRerunAsync(2, afterRows, integerKey, "copy-and-swap", holdAtKillPoint: afterRows < 2900);
}

using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification;
using Retort.Specification.Data;

namespace Retort.PostgreSql.Tests;

/// <summary>The kill-and-resume specification on PostgreSQL, one fresh database per run, and the copy-and-swap backfill killed the same way.</summary>
public sealed class PostgreSqlKillResumeTests : KillResumeSpecification<PostgreSqlDatabaseFactory>
{
    /// <summary>The backfill by copy and swap, killed while copying, and before its last copy batch.</summary>
    [SpecTheory]
    [InlineData(1200, false)]
    [InlineData(700, true)]
    [InlineData(2950, false)]
    public Task Killed_mid_copy_and_swap_and_rerun_gives_exactly_the_uninterrupted_result(long afterRows, bool integerKey) =>
        KillAndRerunAsync(2, afterRows, integerKey, "copy-and-swap");
}

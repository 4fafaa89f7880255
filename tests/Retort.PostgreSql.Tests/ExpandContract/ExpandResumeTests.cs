using Retort.PostgreSql.Tests.Infrastructure;
using Retort.PostgreSql.Tests.SafeRecipes;
using Retort.Runner;

namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>
/// An expand stopped between its steps is partly applied: a second upgrade resumes it without repeating a committed
/// step, and an abort undoes it whole, leaving nothing of it behind.
/// </summary>
public sealed class ExpandResumeTests
{
    // Marks of the expand's steps of a type change: shadow column and trigger, NOT NULL check validated, views.
    private const string ShadowStep = "DO $retort$ DECLARE src record;";
    private const string ValidateStep = "DO $retort$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint";
    private const string ViewsStep = "DO $retort$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_namespace";

    [PgTheory]
    [InlineData(ValidateStep, false)]
    [InlineData(ViewsStep, false)]
    [InlineData(ValidateStep, true)]
    public async Task A_stopped_expand_resumes_without_repeating_a_step_or_aborts_leaving_nothing(string stopAt, bool abort)
    {
        var c = OnlineCase.All["change type"];
        await using var db = await PgDatabase.CreateAsync();
        await using var database = db.Open();
        await new Migrator(database, c.Revisions()).UpgradeAsync("r1");

        using var stop = new CancellationTokenSource();
        var first = new StatementWatch(sql => { if (sql.StartsWith(stopAt, StringComparison.Ordinal)) stop.Cancel(); });
        var stopped = new Migrator(database, c.Revisions(), logger: first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped.UpgradeAsync(cancellationToken: stop.Token));
        Assert.Equal(["r1"], (await stopped.GetCurrentAsync()).Select(r => r.Id));
        Assert.NotEmpty(await stopped.GetInProgressAsync());
        Assert.Equal(50L, await db.ScalarAsync<long>("SELECT count(*) FROM accounts WHERE _retort_new_amount = amount"));

        var second = new StatementWatch();
        var again = new Migrator(database, c.Revisions(), logger: second);
        if (abort)
        {
            var run = await again.AbortAsync();
            Assert.Equal("r2", run.Revision.Id);
            Assert.Equal(["r1"], (await again.GetCurrentAsync()).Select(r => r.Id));
            Assert.Empty(await again.GetInProgressAsync());
            Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_attribute WHERE attname LIKE '\\_retort%' AND NOT attisdropped"));
            Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgname LIKE '\\_retort%'"));
            Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'public\\_r%'"));
            Assert.Equal("abort", (await again.GetHistoryAsync()).Last().Direction);
            // And it expands again from the start.
            await again.UpgradeAsync();
            Assert.Single(await again.GetWaitingAsync());
            return;
        }
        var runs = await again.UpgradeAsync();
        Assert.Equal("r2", Assert.Single(runs).Revision.Id);
        Assert.Single(await again.GetWaitingAsync());
        Assert.Empty(await again.GetInProgressAsync());
        Assert.False(second.Ran(ShadowStep), "the committed step that adds the shadow column ran again:\n" + string.Join("\n", second.Statements));
        Assert.True(second.Ran(ViewsStep));
        Assert.Equal(stopAt == ValidateStep, second.Ran(ValidateStep));
        await again.CompleteAsync();
        Assert.Equal("bigint", await db.ScalarAsync<string>("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'amount'"));
        Assert.True(await db.ScalarAsync<bool>("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'amount'"));
    }
}

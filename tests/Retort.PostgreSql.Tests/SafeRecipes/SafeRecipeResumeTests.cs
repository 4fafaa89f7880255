using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests.SafeRecipes;

/// <summary>
/// A recipe is phased like a data step: each step is recorded when it commits, so a run stopped between two steps
/// leaves the revision partly applied, and the next run resumes at the step that did not commit, never repeating one
/// that did, and leaves nothing of the recipe behind.
/// </summary>
public sealed class SafeRecipeResumeTests
{
    /// <summary>Each recipe of more than one step, stopped just before each of its later steps.</summary>
    public static TheoryData<string, int> Stops => new()
    {
        { "foreign key", 1 }, { "check", 1 }, { "set not null", 1 }, { "set not null", 2 }, { "unique", 1 }, { "primary key", 1 },
    };

    [PgTheory]
    [MemberData(nameof(Stops))]
    public async Task A_run_stopped_between_steps_resumes_and_runs_each_step_once(string name, int stopAt)
    {
        var recipe = RecipeCase.All[name];
        await using var db = await PgDatabase.CreateAsync();
        await db.ExecuteAsync(RecipeCase.Setup);
        await using var database = db.Open();

        // The run is cancelled as the step's statement is about to be sent: the steps before it have committed.
        using var stop = new CancellationTokenSource();
        var first = new StatementWatch(sql => { if (sql.StartsWith(recipe.Marks[stopAt], StringComparison.Ordinal)) stop.Cancel(); });
        var stopped = new Migrator(database, recipe.Revisions(), logger: first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped.UpgradeAsync(cancellationToken: stop.Token));
        Assert.Empty(await stopped.GetCurrentAsync());
        Assert.NotEmpty(await stopped.GetInProgressAsync());

        var second = new StatementWatch();
        var resumed = new Migrator(database, recipe.Revisions(), logger: second);
        var runs = await resumed.UpgradeAsync();
        Assert.Equal("r1", Assert.Single(runs).Revision.Id);
        Assert.Equal(["r1"], (await resumed.GetCurrentAsync()).Select(r => r.Id));
        Assert.Empty(await resumed.GetInProgressAsync());
        for (var i = 0; i < recipe.Marks.Length; i++)
        {
            var ranFirst = first.Ran(recipe.Marks[i]);
            var ranSecond = second.Ran(recipe.Marks[i]);
            // A step that committed is not repeated; every later one runs in the second run.
            Assert.True(i < stopAt ? ranFirst && !ranSecond : ranSecond,
                $"step {i} ({recipe.Marks[i]}): first run {ranFirst}, second run {ranSecond}\nsecond run:\n{string.Join("\n", second.Statements)}");
        }
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE NOT convalidated OR conname LIKE '%\\_not\\_null'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_index WHERE NOT indisvalid"));
    }

    [PgTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_unique_index_built_by_a_run_that_died_before_recording_it_is_used_or_rebuilt(bool valid)
    {
        var recipe = RecipeCase.All["unique"];
        await using var db = await PgDatabase.CreateAsync();
        await db.ExecuteAsync(RecipeCase.Setup);
        // What a run killed after (or during) the concurrent build leaves: the index, valid or INVALID, and no record of it.
        if (valid) await db.ExecuteAsync("CREATE UNIQUE INDEX CONCURRENTLY uq_child_email ON child (email)");
        else
        {
            await db.ExecuteAsync(recipe.Violation);
            await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => db.ExecuteAsync("CREATE UNIQUE INDEX CONCURRENTLY uq_child_email ON child (email)"));
            await db.ExecuteAsync(recipe.Fix);
        }

        await using var database = db.Open();
        var migrator = new Migrator(database, recipe.Revisions());
        await migrator.UpgradeAsync();
        Assert.Equal(["r1"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        Assert.Equal("u", await db.ScalarAsync<string>("SELECT contype::text FROM pg_constraint WHERE conname = 'uq_child_email'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_index WHERE NOT indisvalid"));
    }
}

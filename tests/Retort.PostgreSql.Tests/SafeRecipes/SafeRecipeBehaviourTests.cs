using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.SafeRecipes;

/// <summary>
/// Each safe recipe on the real server, on tables that exist before the revision and hold rows: its statements run,
/// it ends where the plain operation ends, it downgrades, and a row that breaks it fails the revision naming the
/// constraint, leaving nothing half made and the version table as it was.
/// </summary>
public sealed class SafeRecipeBehaviourTests
{
    private static async Task<PgDatabase> SetUpAsync()
    {
        var db = await PgDatabase.CreateAsync();
        await db.ExecuteAsync(RecipeCase.Setup);
        return db;
    }

    private static async Task<IReadOnlyList<Table?>> ReflectAsync(PgDatabase db)
    {
        await using var database = db.Open();
        return [await database.ReflectTableAsync("parent"), await database.ReflectTableAsync("child"), await database.ReflectTableAsync("nokey")];
    }

    /// <summary>What a finished recipe must not leave: a constraint not validated, an INVALID index, a helper check.</summary>
    private static async Task AssertNothingHalfMadeAsync(PgDatabase db)
    {
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE NOT convalidated"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname IN ('parent', 'child', 'nokey') AND NOT i.indisvalid"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conname LIKE '%\\_not\\_null'"));
    }

    [PgTheory]
    [MemberData(nameof(RecipeCase.Names), MemberType = typeof(RecipeCase))]
    public async Task The_recipe_runs_on_an_existing_table_ends_as_the_plain_operation_and_downgrades(string name)
    {
        var recipe = RecipeCase.All[name];
        await using var safe = await SetUpAsync();
        await using var plain = await SetUpAsync();
        var before = await ReflectAsync(safe);

        var watch = new StatementWatch();
        await using (var database = safe.Open())
            await new Migrator(database, recipe.Revisions(), logger: watch).UpgradeAsync();
        var ran = watch.Statements;
        var at = recipe.Marks.Select(mark => ran.FindIndex(s => s.StartsWith(mark, StringComparison.Ordinal))).ToList();
        Assert.True(at.All(i => i >= 0) && at.SequenceEqual(at.Order()), $"expected in order:\n{string.Join("\n", recipe.Marks)}\nran:\n{string.Join("\n", ran)}");
        await AssertNothingHalfMadeAsync(safe);
        Assert.True(await safe.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '{recipe.Object}' AND convalidated) OR " +
            $"EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('{recipe.Object}') AND indisvalid) OR " +
            "(SELECT attnotnull FROM pg_attribute WHERE attrelid = 'child'::regclass AND attname = 'email')"));

        var plainWatch = new StatementWatch();
        await using (var database = plain.Open())
            await new Migrator(database, recipe.Revisions(online: false), logger: plainWatch).UpgradeAsync();
        Assert.DoesNotContain(plainWatch.Statements, s => s.Contains("NOT VALID") || s.Contains("CONCURRENTLY") || s.Contains("USING INDEX"));
        Assert.Equal(await ReflectAsync(plain), await ReflectAsync(safe));

        var downWatch = new StatementWatch();
        await using (var database = safe.Open())
        {
            var migrator = new Migrator(database, recipe.Revisions(), logger: downWatch);
            await migrator.DowngradeAsync("base");
            Assert.Empty(await migrator.GetCurrentAsync());
            Assert.Empty(await migrator.GetInProgressAsync());
        }
        Assert.Equal(before, await ReflectAsync(safe));
        // The reverse of a recipe'd constraint is a plain drop; of a concurrent index, a concurrent drop.
        if (name == "index") Assert.Contains("DROP INDEX CONCURRENTLY IF EXISTS \"ix_child_email\"", downWatch.Statements);
        else Assert.DoesNotContain(downWatch.Statements, s => s.Contains("CONCURRENTLY"));
    }

    [PgTheory]
    [MemberData(nameof(RecipeCase.Names), MemberType = typeof(RecipeCase))]
    public async Task A_row_that_breaks_it_fails_the_revision_naming_the_constraint_and_leaves_nothing_behind(string name)
    {
        var recipe = RecipeCase.All[name];
        await using var db = await SetUpAsync();
        await db.ExecuteAsync(recipe.Violation);
        var before = await ReflectAsync(db);

        await using var database = db.Open();
        var migrator = new Migrator(database, recipe.Revisions());
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync());
        Assert.Contains(recipe.Object, e.Message);
        Assert.False(e.PartlyApplied, e.Message);
        Assert.Contains("rolled back", e.Message);
        Assert.Empty(await migrator.GetCurrentAsync());
        Assert.Empty(await migrator.GetInProgressAsync());
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM pg_constraint WHERE conname = '{recipe.Object}'"));
        Assert.True(await db.ScalarAsync<bool>($"SELECT to_regclass('{recipe.Object}') IS NULL"));
        await AssertNothingHalfMadeAsync(db);
        Assert.Equal(before, await ReflectAsync(db));

        // Once the row is repaired, the same upgrade runs the recipe from its start.
        await db.ExecuteAsync(recipe.Fix);
        await migrator.UpgradeAsync();
        Assert.Equal(["r1"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        await AssertNothingHalfMadeAsync(db);
    }

    [PgFact]
    public async Task A_recipe_that_fails_after_committed_steps_removes_what_it_made_and_the_revision_resumes_after_those_steps()
    {
        await using var db = await SetUpAsync();
        await db.ExecuteAsync(RecipeCase.All["foreign key"].Violation);
        var revisions = new RevisionSet([new Revision(RevisionInfo.Create("r1", null, "two steps"),
            new InlineScript(op =>
            {
                op.CreateIndex("ix_child_n", "child", ["n"]);
                op.CreateForeignKey("fk_child_parent", "child", "parent", ["parent_id"], ["id"]);
            }, op =>
            {
                op.DropConstraint("fk_child_parent", "child");
                op.DropIndex("ix_child_n", "child");
            }))]);
        await using var database = db.Open();
        var migrator = new Migrator(database, revisions);
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync());
        Assert.True(e.PartlyApplied, e.Message);
        Assert.Contains("fk_child_parent", e.Message);
        Assert.Empty(await migrator.GetCurrentAsync());
        // The concurrent index committed and stays recorded; the foreign key's NOT VALID step was removed with its record.
        Assert.Equal(["create index ix_child_n on child (n): build the index concurrently"], (await migrator.GetInProgressAsync()).Select(p => p.Description));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conname = 'fk_child_parent'"));
        await AssertNothingHalfMadeAsync(db);

        await db.ExecuteAsync(RecipeCase.All["foreign key"].Fix);
        var watch = new StatementWatch();
        await new Migrator(database, revisions, logger: watch).UpgradeAsync();
        Assert.DoesNotContain(watch.Statements, s => s.Contains("ix_child_n"));
        Assert.True(watch.Ran(RecipeCase.All["foreign key"].Marks[0]));
        Assert.Equal(["r1"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        Assert.Empty(await migrator.GetInProgressAsync());
        await AssertNothingHalfMadeAsync(db);
    }
}

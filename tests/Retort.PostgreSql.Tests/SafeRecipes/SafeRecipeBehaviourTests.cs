using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;
using Retort.Schema;

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
}

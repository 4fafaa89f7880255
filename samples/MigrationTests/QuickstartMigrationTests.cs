using Quickstart;
using Retort.Migrations;
using Retort.Testing;

namespace MigrationTests;

/// <summary>
/// The standard checks, one test case per revision (each on its own throwaway SQLite file), plus a hand-written
/// data test. Point <see cref="Environment"/> at your own migrations assembly to use this in your project; use
/// <c>ThrowawayDatabase.CreateAsync("postgresql://…")</c> to run on PostgreSQL.
/// </summary>
public class QuickstartMigrationTests
{
    private static readonly System.Reflection.Assembly Environment = typeof(TargetSchema).Assembly;
    private static readonly RevisionSet Revisions = RevisionSet.FromAssemblies(Environment);

    private static MigrationTestOptions Options => new()
    {
        TargetSchema = new TargetSchema(),
        Fixtures = RevisionFixture.Discover(Environment),
    };

    public static IEnumerable<object[]> RevisionIds => MigrationTestCases.Revisions(Revisions);

    [Theory]
    [MemberData(nameof(RevisionIds))]
    public async Task Revision_upgrades_downgrades_cleanly_and_keeps_its_data(string revision)
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        CheckResults.ThrowIfFailed(await new MigrationTester(db.Database, Revisions, Options).CheckRevisionAsync(revision));
    }

    [Fact]
    public void There_is_a_single_head() =>
        CheckResults.ThrowIfFailed(MigrationTester.CheckHeads(Revisions));

    [Fact]
    public async Task The_database_at_head_matches_the_target_schema()
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        CheckResults.ThrowIfFailed(await new MigrationTester(db.Database, Revisions, Options).CheckModelAsync());
    }

    [Fact]
    public async Task Orders_survive_the_round_trip_through_the_data_move()
    {
        // The seed article's test, written out: set up a database, apply the migration, verify schema and data.
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        await db.UpgradeAsync(Revisions, "3c4d5e6f7a8b");
        await db.ExecuteAsync("INSERT INTO legacy_order (id, customer_name, item, amount) VALUES (@id, @name, @item, @amount)",
            new { id = 50, name = "Ada Lovelace", item = "notes", amount = 0.99m });

        await db.UpgradeAsync(Revisions, "head");
        var line = (await db.QueryAsync("SELECT customer_id, amount_cents FROM order_line WHERE id = 50")).Single();
        Assert.Equal((1L, 99L), (Convert.ToInt64(line[0]), Convert.ToInt64(line[1])));
        Assert.DoesNotContain(await db.SchemaAsync(), t => t.Name == "legacy_order");

        await new Retort.Runner.Migrator(db.Database, Revisions).DowngradeAsync("3c4d5e6f7a8b");
        var back = (await db.QueryAsync("SELECT customer_name, amount FROM legacy_order WHERE id = 50")).Single();
        Assert.Equal("Ada Lovelace", back[0]);
        Assert.Equal(0.99m, Convert.ToDecimal(back[1]));
    }
}

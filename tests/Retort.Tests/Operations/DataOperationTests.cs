using Retort.Internal;
using Retort.Migrations;
using Retort.Operations;
using Retort.Runner;

namespace Retort.Tests.Operations;

public sealed class DataOperationTests
{
    private sealed record Target(long Id, string CustomerName, long AmountCents, string HTTPStatus);

    [Fact]
    public void Output_columns_are_the_properties_in_snake_case()
    {
        Assert.Equal(["id", "customer_name", "amount_cents", "http_status"], OutputColumns<Target>.Names);
        Assert.Equal("x1_y", OutputColumns<Target>.SnakeCase("X1Y"));
    }

    [Fact]
    public void Checkpoint_keys_round_trip_with_their_types()
    {
        object?[] key = [42L, "b'c\"", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), 1.25m, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), 7];
        var back = KeyCodec.Decode(KeyCodec.Encode(key));
        Assert.Equal([42L, "b'c\"", key[2], 1.25m, key[4], 7L], back);
    }

    [Fact]
    public void Plans_split_into_phases_at_data_steps()
    {
        var op = new Op();
        op.Execute("SELECT 1");
        op.Backfill("t", "a = 1");
        op.Execute("SELECT 2");
        op.Execute("SELECT 3");
        op.Backfill("t", "b = 1");
        var phases = PlanPhase.Split(op.Plan, _ => false);
        Assert.Equal([0, 1, 2, 4, 5], phases.Select(p => p.Step));
        Assert.Equal([false, true, false, true, false], phases.Select(p => p.Data is not null));
        Assert.Empty(phases[^1].Operations);
    }

    [Fact]
    public void Batch_size_moves_toward_the_target_duration_within_bounds()
    {
        var b = new BatchOptions { BatchSize = 1000, TargetBatchDuration = TimeSpan.FromMilliseconds(200), MaxBatchSize = 3000 };
        Assert.Equal(2000, b.NextBatchSize(1000, TimeSpan.FromMilliseconds(10)));
        Assert.Equal(500, b.NextBatchSize(1000, TimeSpan.FromSeconds(5)));
        Assert.Equal(3000, b.NextBatchSize(2000, TimeSpan.FromMilliseconds(10)));
        Assert.Equal(1000, (b with { TargetBatchDuration = null }).NextBatchSize(1000, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Backfill_reverses_with_its_reverse_set_and_transform_sources_are_recognised()
    {
        var op = new Op();
        var backfill = op.Backfill("t", "a = upper(a)", reverseSet: "a = lower(a)");
        Assert.Equal("a = lower(a)", ((BackfillOperation)backfill.Reverse()).Set);
        Assert.Throws<IrreversibleOperationException>(() => op.Backfill("t", "a = 1").Reverse());
        Assert.Equal("old", op.Transform<Target, Target>("old", "new", t => t).SourceTable);
        Assert.NotNull(op.Transform<Target, Target>("  with x AS (SELECT 1) SELECT * FROM x", "new", t => t, keyColumns: ["id"]).SourceQuery);
        // Read with the SQL lexer: a comment before the query does not make it a table name.
        Assert.NotNull(op.Transform<Target, Target>("-- the active ones\nSELECT * FROM old WHERE active", "new", t => t, keyColumns: ["id"]).SourceQuery);
        Assert.NotNull(op.Transform<Target, Target>("/* all */ (SELECT * FROM old)", "new", t => t, keyColumns: ["id"]).SourceQuery);
    }
}

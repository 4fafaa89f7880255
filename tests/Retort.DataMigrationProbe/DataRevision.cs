using Retort.Migrations;
using Retort.Operations;
using Retort.Schema;

namespace Retort.DataMigrationProbe;

/// <summary>A source row.</summary>
public sealed class Item
{
    /// <summary>Key.</summary>
    public long Id { get; init; }

    /// <summary>Text.</summary>
    public string Data { get; init; } = "";
}

/// <summary>A target row (id, data_upper).</summary>
/// <param name="Id">Key.</param>
/// <param name="DataUpper">Upper-cased text.</param>
public sealed record ItemCopy(long Id, string DataUpper);

/// <summary>
/// A schema phase, a C# transform into a table without a key (so a row written twice would show), and a
/// non-idempotent backfill (counter + 1, so a batch applied twice would show), in small paced batches. The
/// environment variable RETORT_PROBE_STRATEGY=copy-and-swap makes the backfill copy and swap the table.
/// </summary>
[Revision("d1", Message = "copy and backfill items")]
public sealed class D1 : Migration
{
    private static readonly BatchOptions Paced = new() { BatchSize = 50, TargetBatchDuration = null, PauseBetweenBatches = TimeSpan.FromMilliseconds(30) }; // leaves the watching test time to kill mid-step

    /// <inheritdoc />
    public override void Upgrade(Op op)
    {
        op.CreateTable("items_copy", new Column("id", SqlType.BigInteger, nullable: false), new Column("data_upper", SqlType.Text, nullable: false));
        op.Transform<Item, ItemCopy>("items", "items_copy", i => new ItemCopy(i.Id, i.Data.ToUpperInvariant()), batching: Paced);
        op.Backfill("items", "counter = counter + 1, data_upper = upper(data)", batching: Paced,
            strategy: Environment.GetEnvironmentVariable("RETORT_PROBE_STRATEGY") == "copy-and-swap" ? BackfillStrategy.CopyAndSwap : BackfillStrategy.InPlace);
    }
}

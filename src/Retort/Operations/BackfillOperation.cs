using Retort.Schema;

namespace Retort.Operations;

/// <summary>
/// A set-based backfill: <c>UPDATE table SET …</c> in batches by primary key (keyset, never OFFSET), each batch its
/// own short transaction with a checkpoint; or, with <see cref="BackfillStrategy.CopyAndSwap"/>, a batched copy of the
/// table with the SET clause applied that replaces the table at the end.
/// </summary>
/// <param name="TableName">The table updated; it needs a primary key.</param>
/// <param name="Set">The SET clause, for example <c>email_lower = lower(email)</c>.</param>
/// <param name="Schema">Its schema, or null.</param>
public sealed record BackfillOperation(string TableName, string Set, string? Schema = null) : DataOperation
{
    /// <summary>Optional condition: only rows matching it are updated (batches still walk the whole key range).</summary>
    public string? Where { get; init; }

    /// <summary>Key columns to batch by; empty means the table's primary key.</summary>
    public ValueList<string> KeyColumns { get; init; } = ValueList<string>.Empty;

    /// <summary>How the rows are changed: in place (the default) or by copying the table and swapping the copy in.</summary>
    public BackfillStrategy Strategy { get; init; } = BackfillStrategy.InPlace;

    /// <summary>Optional SET clause that undoes this one; makes the operation reversible.</summary>
    public string? ReverseSet { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => ReverseSet is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => ReverseSet is null
        ? throw new IrreversibleOperationException(this, "a backfill has no reverse unless reverseSet is given")
        : this with { Set = ReverseSet, ReverseSet = Set };

    /// <inheritdoc />
    public override string Describe() =>
        $"backfill {(Schema is null ? TableName : Schema + "." + TableName)} SET {Set}{(Where is null ? "" : " WHERE " + Where)}" +
        (Strategy == BackfillStrategy.CopyAndSwap ? " (copy and swap)" : "");

    /// <summary>What Retort knows about a set-based backfill (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<BackfillOperation> Registration { get; } = new()
    {
        NotWritableAsCSharp = "autogenerate never produces one: what to fill is the author's decision (op.Backfill)",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "runs the SET clause that undoes it (reverseSet:)",
        Dangers = o => o.Atomic
            ? [new(DangerKind.LocksOrRewritesTable, $"updates every row of '{o.TableName}' in one statement inside the revision's transaction, holding their locks until it commits.")]
            : OperationDanger.None,
        Offline = OfflineSupport.Simplified("one UPDATE over the whole table, with a comment saying so (online it runs in short batches with a checkpoint per batch)"),
        TrackSchema = TrackedSchema.Unchanged,
    };
}

using Retort.Schema;

namespace Retort.Operations;

/// <summary>
/// An online operation (expand and contract), written once as the final shape. On a database that supports it
/// (PostgreSQL), <c>retort upgrade</c> runs its expand phase: new columns, triggers that keep the old and the new
/// shape in step, a batched backfill and two versioned schemas of views, so the application before and after the
/// revision both read and write; <c>retort complete</c> then contracts to the final shape and <c>retort abort</c>
/// undoes the expand. Elsewhere (SQLite) it runs in one step as the plain operations of <see cref="FinalShape"/>.
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="Schema">Its schema, or null for the default.</param>
public abstract record OnlineOperation(string TableName, string? Schema) : TableOperation(TableName, Schema)
{
    /// <summary>What the operation changes, in the terms a dialect builds the expand and contract phases from.</summary>
    public abstract OnlineShape GetShape();

    /// <summary>The plain operations that reach the final shape in one step (SQLite; offline scripts).</summary>
    public abstract IReadOnlyList<MigrationOperation> FinalShape();

    /// <inheritdoc />
    public override Table ApplyTo(Table table) =>
        FinalShape().OfType<TableOperation>().Aggregate(table, (t, o) => o.ApplyTo(t));

    /// <summary>A name as a double-quoted SQL identifier, for the expressions an operation derives.</summary>
    protected static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>An UPDATE of the whole table in the final shape (one statement: the final shape runs with the application stopped, or on SQLite).</summary>
    protected ExecuteSqlOperation Update(string set, string? where = null) =>
        new($"UPDATE {(Schema is null ? "" : Quote(Schema) + ".")}{Quote(TableName)} SET {set}{(where is null ? "" : " WHERE " + where)}");

    /// <summary>The danger every online operation shares with the final-shape step it runs as where expand and contract is not supported.</summary>
    internal static OperationDanger OneStepNote(OnlineOperation o) =>
        new(DangerKind.LocksOrRewritesTable, $"where expand and contract is not supported (SQLite, offline scripts) '{o.Display}' is changed in one step.");

    /// <summary>The plan with every online operation replaced by its <see cref="FinalShape"/>.</summary>
    public static IReadOnlyList<MigrationOperation> FinalShapeOf(IReadOnlyList<MigrationOperation> plan) =>
        plan.Any(o => o is OnlineOperation) ? plan.SelectMany(o => o is OnlineOperation online ? online.FinalShape() : [o]).ToList() : plan;
}

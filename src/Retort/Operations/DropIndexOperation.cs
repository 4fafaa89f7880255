using Retort.Internal;
using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;



namespace Retort.Operations;

/// <summary>Drops an index.</summary>
/// <param name="TableName">The table the index is on.</param>
/// <param name="Name">Index name.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record DropIndexOperation(string TableName, string Name, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <summary>The index before the drop; makes the drop reversible.</summary>
    public TableIndex? Existing { get; init; }

    /// <summary>Drop without blocking (PostgreSQL <c>CONCURRENTLY</c>), outside the transaction.</summary>
    public bool Concurrently { get; init; }

    /// <summary>
    /// Whether the dialect runs its online recipe (PostgreSQL: <c>DROP INDEX CONCURRENTLY</c>, outside the revision's transaction). Null, the default: when the
    /// table exists before the revision (not created earlier in the same plan). False: the plain statement, which
    /// blocks writes while it works but is one atomic step. True: the recipe even on a table the plan creates.
    /// Dialects without a recipe ignore it.
    /// </summary>
    [FingerprintOmitsDefault]
    public bool? Online { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => Existing is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, "the dropped index's definition is not known")
        : new CreateIndexOperation(TableName, Existing, Schema) { Concurrently = Concurrently, Online = Online };

    /// <inheritdoc />
    public override Table ApplyTo(Table table)
    {
        if (!table.Indexes.Any(i => i.Name == Name))
            throw new RetortException($"Cannot drop index '{Name}': table '{Display}' has no index of that name.");
        return table with { Indexes = table.Indexes.Where(i => i.Name != Name).ToValueList() };
    }

    /// <inheritdoc />
    public override string Describe() => $"drop index {Name} on {Display}";

    /// <summary>What Retort knows about dropping an index (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<DropIndexOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.DropIndex({S(o.Name)}, {S(o.TableName)}{(o.Existing is null ? "" : ", existing: " + IndexCode(o.Existing))}{SchemaArg(o.Schema)}{OnlineArg(o.Online)});",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "creates the index again from its definition before the drop (existing:)",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}

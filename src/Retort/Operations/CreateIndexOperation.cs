using Retort.Internal;
using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;



namespace Retort.Operations;

/// <summary>Creates an index.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Index">The index; its name must be set.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record CreateIndexOperation(string TableName, TableIndex Index, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <summary>
    /// Build without blocking writes (PostgreSQL <c>CONCURRENTLY</c>). Such a step runs outside the revision's
    /// transaction. Dialects without the feature ignore it.
    /// </summary>
    public bool Concurrently { get; init; }

    /// <summary>
    /// Whether the dialect runs its online recipe (PostgreSQL: <c>CREATE INDEX CONCURRENTLY</c>, outside the revision's transaction). Null, the default: when the
    /// table exists before the revision (not created earlier in the same plan). False: the plain statement, which
    /// blocks writes while it works but is one atomic step. True: the recipe even on a table the plan creates.
    /// Dialects without a recipe ignore it.
    /// </summary>
    [FingerprintOmitsDefault]
    public bool? Online { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() =>
        new DropIndexOperation(TableName, Index.Name!, Schema) { Existing = Index, Concurrently = Concurrently, Online = Online };

    /// <inheritdoc />
    public override Table ApplyTo(Table table)
    {
        if (table.Indexes.Any(i => i.Name == Index.Name))
            throw new RetortException($"Cannot create index '{Index.Name}' on '{Display}': an index of that name exists.");
        return table with { Indexes = table.Indexes.Append(Index).ToValueList() };
    }

    /// <inheritdoc />
    public override string Describe() => $"create {(Index.Unique ? "unique " : "")}index {Index.Name} on {Display} ({string.Join(", ", Index.Columns)})";

    /// <summary>What Retort knows about creating an index (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<CreateIndexOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.CreateIndex({S(o.Index.Name!)}, {S(o.TableName)}, [{string.Join(", ", o.Index.Columns.Select(S))}]" +
            $"{(o.Index.Unique ? ", unique: true" : "")}{(o.Index.Where is null ? "" : ", where: " + S(o.Index.Where))}{SchemaArg(o.Schema)}{OnlineArg(o.Online)});",
        Reverse = Reversibility.Always,
        ReverseNote = "drops the index, keeping its definition so the drop reverses too",
        Dangers = o => o.Concurrently ? OperationDanger.None
            : [new(DangerKind.LocksOrRewritesTable, $"builds index '{o.Index.Name}' while blocking writes to '{o.TableName}'.")],
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}

using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Retort.Schema;

namespace Retort.Operations;

/// <summary>
/// A C# transformation: rows read from a table or query in keyset batches, mapped to typed objects, transformed
/// in C#, and written to a target table (PostgreSQL: binary COPY; elsewhere prepared inserts), one transaction
/// and one checkpoint per batch. Created through <c>op.Transform</c>; cannot run in an offline script.
/// </summary>
public abstract record TransformOperation : DataOperation
{
    // What Dapper reads a source row into (constructor, properties, fields), kept by the trimmer for the row type.
    internal const DynamicallyAccessedMemberTypes InputMembers =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields;

    internal const string RequiresDynamicCodeMessage =
        "Source rows are mapped by Dapper, which generates code at run time: a transformation cannot run in a Native AOT app. Use op.Backfill (SQL) there.";

    private protected TransformOperation(string description, string targetTable)
    {
        Description = description;
        TargetTable = targetTable;
    }

    /// <summary>What the step does, for logs and progress.</summary>
    public string Description { get; init; }

    /// <summary>The table read, when the source is a table (batched by its primary key).</summary>
    public string? SourceTable { get; init; }

    /// <summary>The query read, when the source is a query; it must return <see cref="KeyColumns"/>.</summary>
    public string? SourceQuery { get; init; }

    /// <summary>Columns batches are ordered and resumed by; empty means the source table's primary key.</summary>
    public ValueList<string> KeyColumns { get; init; } = ValueList<string>.Empty;

    /// <summary>The table written.</summary>
    public string TargetTable { get; init; }

    /// <summary>Schema of the source table and the target table, or null.</summary>
    public string? Schema { get; init; }

    /// <summary>The target columns written, in order (from the output type's properties).</summary>
    public abstract IReadOnlyList<string> TargetColumns { get; }

    /// <summary>The input and output types, for messages.</summary>
    public abstract string Signature { get; }

    /// <summary>Returns a function that maps the current row of <paramref name="reader"/> to target values (null: skip).</summary>
    internal abstract Func<DbDataReader, object?[]?> CreateConverter(DbDataReader reader);

    /// <inheritdoc />
    public override string Describe() => $"transform {Description} ({SourceTable ?? "query"} -> {TargetTable})";

    /// <summary>What Retort knows about a C# transformation (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<TransformOperation> Registration { get; } = new()
    {
        NotWritableAsCSharp = "it holds a C# transformation (a delegate), which has no source form",
        Reverse = Reversibility.Never,
        ReverseNote = "what undoes a transformation is the author's decision: write the downgrade by hand",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Refused("it runs a C# transformation, which needs a live database connection"),
        TrackSchema = TrackedSchema.Unchanged,
    };
}

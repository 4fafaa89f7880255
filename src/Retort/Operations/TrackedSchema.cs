using Retort.Schema;

namespace Retort.Operations;

/// <summary>
/// The tables an offline script knows, as the operations before leave them (an offline script cannot read the
/// database). Each kind of operation says how it changes them (<see cref="OperationRegistration{TOperation}.TrackSchema"/>);
/// a table changed in a way the model cannot follow (raw SQL, C# code) is kept, but marked as untracked, with why.
/// </summary>
public abstract class TrackedSchema
{
    /// <summary>The revision whose operations are being applied, for messages; null when not known.</summary>
    public abstract string? Revision { get; }

    /// <summary>The tables known.</summary>
    public abstract IReadOnlyCollection<Table> Tables { get; }

    /// <summary>The table of that name, or null when it is not known.</summary>
    public abstract Table? Find(string name, string? schema);

    /// <summary>Adds a table, or replaces the one of its name; its shape is known in full again.</summary>
    public abstract void Put(Table table);

    /// <summary>Forgets a table (and that it was untracked).</summary>
    public abstract void Remove(string name, string? schema);

    /// <summary>The table of that name is now <paramref name="changed"/>, which may have another name; an untracked mark follows it.</summary>
    public abstract void Replace(string name, string? schema, Table changed);

    /// <summary>Why the table's full shape is not known, or null when it is.</summary>
    public abstract string? UntrackedChange(string name, string? schema);

    /// <summary>Marks the table as changed in a way the model cannot follow; <paramref name="why"/> replaces an earlier reason.</summary>
    public abstract void MarkUntracked(string name, string? schema, string why);

    /// <summary>Applies a table operation to its table, when the table is known (what most table operations do).</summary>
    public void Apply(TableOperation operation)
    {
        if (Find(operation.TableName, operation.Schema) is { } table)
            Replace(operation.TableName, operation.Schema, operation.ApplyTo(table));
    }

    /// <summary>The operation changes no table.</summary>
    public static void Unchanged(MigrationOperation operation, TrackedSchema schema) { }
}

using Retort.Schema;

namespace Retort.Operations;

/// <summary>
/// An operation that changes one existing table. Besides its SQL, it can be applied to the table's model,
/// which is how the SQLite rebuild computes the new table and how offline mode tracks the schema.
/// </summary>
/// <param name="TableName">The table changed.</param>
/// <param name="Schema">Its schema, or null for the default.</param>
public abstract record TableOperation(string TableName, string? Schema) : MigrationOperation
{
    /// <summary>Returns the table as it is after this operation.</summary>
    public abstract Table ApplyTo(Table table);

    /// <summary>Table name with schema, for messages.</summary>
    protected string Display => Schema is null ? TableName : Schema + "." + TableName;
}

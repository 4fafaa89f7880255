namespace Retort.Dialects;

/// <summary>
/// Writes the rows of one batch of a data step into one table, inside the batch's transaction. Rows are handed
/// over one at a time so a writer can send them as they come (prepared multi-row INSERTs on SQLite) or stream
/// them (binary COPY on PostgreSQL) without the whole batch held in memory twice. Created by
/// <see cref="DataMigrationSupport.OpenWriterAsync"/>; disposing it without <see cref="CompleteAsync"/> abandons
/// the rows not yet sent (the batch's transaction is rolled back by its owner).
/// </summary>
public abstract class RowWriter : IAsyncDisposable
{
    /// <summary>Adds one row; values in the order of the columns the writer was opened with. The writer may keep the array until it sends it.</summary>
    public abstract ValueTask WriteAsync(object?[] row, CancellationToken cancellationToken);

    /// <summary>Sends every row not sent yet; the writer is finished afterwards.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}

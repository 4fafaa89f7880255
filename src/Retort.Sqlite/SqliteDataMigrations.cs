using Retort.Dialects;

namespace Retort.Sqlite;

/// <summary>
/// SQLite's part of batched data steps: the base's keyset SQL and prepared multi-row INSERTs, with rows written
/// while the source is still being read. One SQLite connection can step a SELECT and run INSERTs into another
/// table at the same time, so a transformation never holds a whole batch in memory.
/// </summary>
public sealed class SqliteDataMigrations(SqliteDialect dialect) : DataMigrationSupport(dialect)
{
    /// <inheritdoc />
    public override bool CanWriteWhileReading => true;
}

using Retort.Operations;
using Retort.Schema;

namespace Retort.Migrations;

/// <summary>
/// The online operations of the <c>op</c> facade (<see cref="Op.Online"/>): each written once as the final shape, run
/// on PostgreSQL as expand (by <c>retort upgrade</c>) and contract (by <c>retort complete</c>) so the application before
/// and after the revision run at the same time; on SQLite in one step. Each call appends one operation to the plan.
/// </summary>
public sealed class OnlineOps
{
    private readonly Op _op;

    internal OnlineOps(Op op) => _op = op;

    private string? Schema(string? schema) => schema ?? _op.DefaultSchema;

    /// <summary>Renames a column (<see cref="OnlineRenameColumnOperation"/>).</summary>
    public Op RenameColumn(string table, string column, string newName, string? schema = null)
    {
        _op.Add(new OnlineRenameColumnOperation(table, column, newName, Schema(schema)));
        return _op;
    }

    /// <summary>Renames a table (<see cref="OnlineRenameTableOperation"/>).</summary>
    public Op RenameTable(string table, string newName, string? schema = null)
    {
        _op.Add(new OnlineRenameTableOperation(table, newName, Schema(schema)));
        return _op;
    }

    /// <summary>
    /// Changes a column's type (<see cref="OnlineAlterColumnTypeOperation"/>). <paramref name="up"/> computes the new value
    /// from a row of the old shape and <paramref name="down"/> the old value from a row of the new shape; without them
    /// the value is converted by assignment (integer to bigint needs none). <paramref name="existingType"/> makes it
    /// reversible; <paramref name="newDefault"/> replaces the old column's default.
    /// </summary>
    public Op AlterColumnType(string table, string column, SqlType newType, string? up = null, string? down = null, SqlType? existingType = null,
        ServerDefault? newDefault = null, string? schema = null)
    {
        _op.Add(new OnlineAlterColumnTypeOperation(table, column, newType, Schema(schema)) { Up = up, Down = down, ExistingType = existingType, NewDefault = newDefault });
        return _op;
    }

    /// <summary>
    /// Makes a column NOT NULL (<see cref="OnlineSetNotNullOperation"/>); <paramref name="backfill"/> is the SQL value of a
    /// row whose column is NULL, over a row of the old shape (for example <c>'unknown'</c>).
    /// </summary>
    public Op SetNotNull(string table, string column, string backfill, string? schema = null)
    {
        _op.Add(new OnlineSetNotNullOperation(table, column, backfill, Schema(schema)));
        return _op;
    }

    /// <summary>
    /// Drops a column (<see cref="OnlineDropColumnOperation"/>); <paramref name="down"/> is the SQL value it gets in a row the
    /// new application inserts (needed for a NOT NULL column without a default); <paramref name="existing"/> makes it reversible.
    /// </summary>
    public Op DropColumn(string table, string column, string? down = null, Column? existing = null, string? schema = null)
    {
        _op.Add(new OnlineDropColumnOperation(table, column, Schema(schema)) { Down = down, Existing = existing });
        return _op;
    }

    /// <summary>
    /// Splits a column into several (<see cref="OnlineSplitColumnOperation"/>): each new column with the SQL computing it
    /// from a row of the old shape, and <paramref name="down"/> computing the old column from a row of the new shape.
    /// </summary>
    public Op SplitColumn(string table, string column, OnlineColumn[] into, string down, string? schema = null)
    {
        _op.Add(new OnlineSplitColumnOperation(table, column, into.ToValueList(), down, Schema(schema)));
        return _op;
    }

    /// <summary>
    /// Merges columns into one (<see cref="OnlineMergeColumnsOperation"/>): <paramref name="up"/> computes the new column
    /// from a row of the old shape, <paramref name="down"/> each old column (by name) from a row of the new shape.
    /// </summary>
    public Op MergeColumns(string table, string[] columns, Column into, string up, IReadOnlyDictionary<string, string> down, string? schema = null)
    {
        _op.Add(new OnlineMergeColumnsOperation(table, columns.ToValueList(), into, up,
            columns.Where(down.ContainsKey).Select(c => new OnlineColumnDown(c, down[c])).ToValueList(), Schema(schema)));
        return _op;
    }
}

using System.Data.Common;

namespace Retort.Dialects;

/// <summary>
/// The base <see cref="RowWriter"/>: rows are gathered into groups and each group is sent as one multi-row
/// <c>INSERT</c> whose prepared command is reused for every full group. Groups stay small: SQLite looks every
/// bound parameter up by name on each execution, a cost that grows with the square of the parameters of a
/// statement, so a few dozen parameters per statement is faster than hundreds.
/// </summary>
internal sealed class InsertRowWriter : RowWriter
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _head;
    private readonly int _columns;
    private readonly object?[][] _pending;
    private int _count;
    private DbCommand? _full;

    public InsertRowWriter(Dialect dialect, DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, int maxParameters)
    {
        _connection = connection;
        _transaction = transaction;
        _columns = Math.Max(1, columns.Count);
        _head = $"INSERT INTO {table} ({string.Join(", ", columns.Select(dialect.QuoteIdentifier))}) VALUES ";
        _pending = new object?[Math.Max(1, maxParameters / _columns)][];
    }

    public override ValueTask WriteAsync(object?[] row, CancellationToken cancellationToken)
    {
        _pending[_count++] = row;
        return _count == _pending.Length ? new ValueTask(FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    public override Task CompleteAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_count == 0) return;
        var partial = _count < _pending.Length;
        var command = partial ? Prepare(_count) : _full ??= Prepare(_count);
        try
        {
            for (var r = 0; r < _count; r++)
            {
                var row = _pending[r];
                for (var c = 0; c < _columns; c++) command.Parameters[r * _columns + c].Value = row[c] ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            if (partial) await command.DisposeAsync();
        }
        Array.Clear(_pending, 0, _count);
        _count = 0;
    }

    private DbCommand Prepare(int rows)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandTimeout = 0;
        var values = new List<string>(rows);
        var names = new string[_columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < _columns; c++)
            {
                var p = command.CreateParameter();
                p.ParameterName = $"@p{r}_{c}";
                command.Parameters.Add(p);
                names[c] = p.ParameterName;
            }
            values.Add("(" + string.Join(", ", names) + ")");
        }
        command.CommandText = _head + string.Join(", ", values);
        return command;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_full is not null) await _full.DisposeAsync();
        _full = null;
    }
}

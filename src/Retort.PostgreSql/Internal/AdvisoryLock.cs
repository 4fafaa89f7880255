using System.Data.Common;

namespace Retort.PostgreSql.Internal;

/// <summary>A held session advisory lock; disposing releases it.</summary>
internal sealed class AdvisoryLock(DbConnection connection, long key) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (connection.State != System.Data.ConnectionState.Open) return; // a closed session released it already
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT pg_advisory_unlock({key})";
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (DbException)
        {
            // The session is broken; the server releases its locks when it ends.
        }
    }
}

using Microsoft.Data.Sqlite;
using Retort.Dialects;

namespace Retort.Sqlite;

public sealed partial class SqliteDialect
{
    /// <inheritdoc />
    public override Task<ScratchDatabase> CreateScratchDatabaseAsync(string? connectionString, CancellationToken cancellationToken)
    {
        // Always a new temporary file: the database the connection string names (if any) is never touched.
        var dir = Path.Combine(Path.GetTempPath(), "retort-scratch-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "scratch.db"), Pooling = false };
        return Task.FromResult(new ScratchDatabase(builder.ConnectionString, () =>
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
            return Task.CompletedTask;
        }));
    }
}

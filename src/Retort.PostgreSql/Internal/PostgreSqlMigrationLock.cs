using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Retort.Dialects;

namespace Retort.PostgreSql.Internal;

/// <summary>The session advisory lock that keeps migration runs on one database apart, polled so the wait is bounded and visible.</summary>
internal sealed class PostgreSqlMigrationLock(PostgreSqlOptions options) : MigrationLock
{
    /// <inheritdoc />
    public override bool IsExclusive => true;

    /// <summary>
    /// Takes the session advisory lock that keeps migration runs on this database apart, polling
    /// <c>pg_try_advisory_lock</c> so the wait is bounded and visible: while another run holds it, a message
    /// says so every few seconds; after <paramref name="timeout"/> the run fails without having changed anything.
    /// </summary>
    public override Task<IAsyncDisposable> AcquireAsync(DbConnection connection, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken) =>
        AcquireAsync(connection, timeout, null, logger, cancellationToken);

    /// <summary>
    /// As the other overload, with a key of the schema that holds the run's version table (<paramref name="versionSchema"/>,
    /// else the first schema of the session's search path): runs on the same version table exclude each other, runs on
    /// the version tables of different tenant schemas do not. Version tables in <c>public</c> (or no schema named) keep
    /// <see cref="PostgreSqlOptions.AdvisoryLockKey"/> itself.
    /// </summary>
    public override async Task<IAsyncDisposable> AcquireAsync(DbConnection connection, TimeSpan timeout, string? versionSchema, ILogger logger,
        CancellationToken cancellationToken)
    {
        var key = KeyFor(versionSchema ?? FirstOnSearchPath(connection));
        var watch = Stopwatch.StartNew();
        var nextMessage = TimeSpan.Zero;
        while (true)
        {
            if (await PgCommand.ScalarAsync(connection, $"SELECT pg_try_advisory_lock({key})", null, cancellationToken) is true)
            {
                if (nextMessage > TimeSpan.Zero)
                    logger.LogInformation(RetortEventIds.LockAcquired, "Got the migration lock after waiting {Seconds:0.0} s.", watch.Elapsed.TotalSeconds);
                return new AdvisoryLock(connection, key);
            }
            if (watch.Elapsed >= timeout)
                throw new RetortException($"Gave up after {timeout.TotalSeconds:0.#} s waiting for another migration run on this database to finish " +
                    $"(it holds PostgreSQL advisory lock {key}{await HolderAsync(connection, key, cancellationToken)}). Nothing was changed. " +
                    "Wait for that run to end and try again, or allow a longer wait with Migratoroptions.LockTimeout.");
            if (watch.Elapsed >= nextMessage)
            {
                logger.LogWarning(RetortEventIds.LockWaiting, "Waiting for another migration run to finish: advisory lock {Key} is held{Holder}; waiting up to {Timeout:0.#} s.",
                    key, await HolderAsync(connection, key, cancellationToken), timeout.TotalSeconds);
                nextMessage = watch.Elapsed + TimeSpan.FromSeconds(5);
            }
            await Task.Delay(options.LockPollInterval, cancellationToken);
        }
    }

    private long KeyFor(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema) || schema.Equals("public", StringComparison.OrdinalIgnoreCase)) return options.AdvisoryLockKey;
        // FNV-1a of the schema name: stable across processes and versions, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in schema) hash = (hash ^ c) * 16777619u;
        return options.AdvisoryLockKey ^ ((long)hash << 16);
    }

    private static string? FirstOnSearchPath(DbConnection connection)
    {
        var path = new NpgsqlConnectionStringBuilder(connection.ConnectionString).SearchPath;
        if (string.IsNullOrWhiteSpace(path)) return null;
        var first = path.Split(',')[0].Trim();
        return first.Length > 1 && first[0] == '"' && first[^1] == '"' ? first[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : first.ToLowerInvariant();
    }

    private static async Task<string> HolderAsync(DbConnection connection, long key, CancellationToken cancellationToken)
    {
        // A bigint advisory key is stored as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
        var pid = await PgCommand.ScalarAsync(connection,
            $"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND classid = {(uint)(key >> 32)} AND objid = {(uint)key} LIMIT 1",
            null, cancellationToken);
        return pid is null ? "" : $" by server process {pid}";
    }
}

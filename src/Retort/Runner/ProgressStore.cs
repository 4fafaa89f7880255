using Retort.Dialects;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Runner;

/// <summary>
/// The progress table: one row per committed phase or batched data step of a revision that is being applied,
/// updated in the same transaction as the work it records. Rows exist only while a revision is partly applied;
/// the transaction that records the revision in the version table deletes them.
/// </summary>
internal sealed class ProgressStore(Dialect dialect, MigratorOptions options)
{
    private const string PhaseColumn = HistoryStore.PhaseColumn;

    // Whether the table has the phase column (tables made by earlier Retort versions get it on the next data step);
    // once seen, it stays.
    private bool _hasPhase;

    private HistoryStore Store => dialect.History;
    private HistoryTables Tables => options.Tables;

    /// <summary>The progress table's definition (created with the version and history tables, online and offline alike).</summary>
    public Table Model => Store.ProgressTable(Tables);

    /// <summary>Creates the table when it is missing, and adds the phase column to a table made before it existed.</summary>
    public async Task EnsureTableAsync(OnlineExecutor executor, CancellationToken ct)
    {
        async Task<IReadOnlyList<MigrationOperation>> MissingAsync() =>
            await executor.Schema.GetTableAsync(options.ProgressTable, options.VersionTableSchema, ct) switch
            {
                null => [new CreateTableOperation(Model)],
                { } table when table.FindColumn(PhaseColumn) is null => [new AddColumnOperation(options.ProgressTable, new Column(PhaseColumn, SqlType.String(20)), options.VersionTableSchema)],
                _ => [],
            };
        // Checked again inside the transaction: a concurrent run may create it in between.
        if ((await MissingAsync()).Count > 0) await PlanRunner.RunDecidedInTransactionAsync(executor, dialect, MissingAsync, ct);
        _hasPhase = true;
    }

    private async Task<bool> HasPhaseAsync(MigrationExecutor executor, CancellationToken ct) =>
        _hasPhase = _hasPhase || (await executor.Schema.GetTableAsync(options.ProgressTable, options.VersionTableSchema, ct))?.FindColumn(PhaseColumn) is not null;

    public async Task<IReadOnlyList<DataStepProgress>> ReadAsync(MigrationExecutor executor, string? revision, string? direction, CancellationToken ct)
    {
        if (!await executor.Schema.TableExistsAsync(options.ProgressTable, options.VersionTableSchema, ct)) return [];
        var rows = await executor.QueryAsync(Store.ReadProgress(Tables, revision, direction, await HasPhaseAsync(executor, ct)), ct);
        return rows.Select(r => WithPhase(new DataStepProgress(Convert.ToString(r[0])!, Convert.ToString(r[1])!, Convert.ToInt32(r[2]), r[3] as string,
            Convert.ToInt64(r[4]), Convert.ToInt64(r[5]), Convert.ToBoolean(r[6]), TimeSpan.FromMilliseconds(Convert.ToInt64(r[7])),
            r[8] as string, r[9] as string), r[10] as string)).ToList();
    }

    /// <summary>
    /// The row's phase from its column; a row written by an earlier Retort version kept it as a prefix of the key
    /// (<c>copied:</c>, <c>swapped:</c>), which is read as the phase it means.
    /// </summary>
    private static DataStepProgress WithPhase(DataStepProgress p, string? phase)
    {
        if (phase is not null) return p with { Phase = Enum.Parse<CheckpointPhase>(phase) };
        foreach (var (prefix, legacy) in new[] { ("copied:", CheckpointPhase.Copied), ("swapped:", CheckpointPhase.Swapped) })
            if (p.LastKey is { } key && key.StartsWith(prefix, StringComparison.Ordinal))
                return p with { Phase = legacy, LastKey = key[prefix.Length..] is { Length: > 0 } rest ? rest : null };
        return p;
    }

    public async Task<DataStepProgress?> ReadStepAsync(MigrationExecutor executor, string revision, string direction, int step, CancellationToken ct)
    {
        var all = await ReadAsync(executor, revision, direction, ct);
        return all.FirstOrDefault(p => p.Step == step);
    }

    /// <summary>Inserts or updates a step's row; call inside the transaction of the work it records.</summary>
    public Task SaveAsync(MigrationExecutor executor, DataStepProgress p, bool exists, CancellationToken ct)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["revision"] = p.Revision, ["direction"] = p.Direction, ["step"] = p.Step, ["description"] = Truncate(p.Description),
            ["rows_done"] = p.RowsDone, ["rows_written"] = p.RowsWritten, ["finished"] = p.Finished,
            ["elapsed_ms"] = (long)p.Elapsed.TotalMilliseconds, ["checksum"] = p.Checksum, ["last_key"] = p.LastKey, ["phase"] = p.Phase.ToString(),
        };
        // Rows are saved only after EnsureTableAsync, so the phase column exists.
        return executor.ExecuteAsync(Store.SaveProgress(Tables, exists, parameters), ct);
    }

    public Task DeleteAsync(MigrationExecutor executor, string revision, string direction, CancellationToken ct) =>
        executor.ExecuteAsync(Store.DeleteProgress(Tables, revision, direction), ct);

    /// <summary>Deletes one step's row.</summary>
    public Task DeleteStepAsync(MigrationExecutor executor, string revision, string direction, int step, CancellationToken ct) =>
        executor.ExecuteAsync(Store.DeleteProgressStep(Tables, revision, direction, step), ct);

    /// <summary>Deletes a revision's rows, both directions.</summary>
    public Task DeleteRevisionAsync(MigrationExecutor executor, string revision, CancellationToken ct) =>
        executor.ExecuteAsync(Store.DeleteProgress(Tables, revision, null), ct);

    /// <summary>Deletes every row, when the table exists (a stamp that empties the version table).</summary>
    public async Task DeleteAllAsync(MigrationExecutor executor, CancellationToken ct)
    {
        if (await executor.Schema.TableExistsAsync(options.ProgressTable, options.VersionTableSchema, ct))
            await executor.ExecuteAsync(Store.DeleteProgress(Tables, null, null), ct);
    }

    private static string? Truncate(string? text) => text is { Length: > 300 } ? text[..297] + "..." : text;
}

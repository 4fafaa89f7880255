using Retort.Schema;

namespace Retort.Dialects;

/// <summary>
/// Retort's own tables as this database holds them: their definitions and every statement that reads or writes
/// them. The runner sends these statements through its one emit point (so offline scripts hold them too); a dialect
/// overrides what its database writes differently. Statements take their values as parameters.
/// </summary>
public class HistoryStore(Dialect dialect)
{
    /// <summary>The history table's column for rows written by data steps (added to tables made before it existed).</summary>
    public const string RowsColumn = "rows_affected";

    /// <summary>
    /// The history table's column for the lint findings a run allowed (one <c>RT### reason</c> line each; added to
    /// tables made before it existed).
    /// </summary>
    public const string AllowedColumn = "allowed";

    /// <summary>The progress table's column for a checkpoint's phase (added to tables made before it existed).</summary>
    public const string PhaseColumn = "phase";

    private const string ProgressColumns = "revision, direction, step, description, rows_done, rows_written, finished, elapsed_ms, checksum, last_key";

    /// <summary>The version table: one row per applied head (Alembic's semantics).</summary>
    public virtual Table VersionTable(HistoryTables t) => Table.Create(t.Version, t.Schema,
        [new Column("version_num", SqlType.String(64), nullable: false)],
        new PrimaryKeyConstraint(ValueList.Of("version_num"), t.Version + "_pkc"));

    /// <summary>The history table: one row per run of a revision, stamp or accepted edit.</summary>
    public virtual Table HistoryTable(HistoryTables t) => Table.Create(t.History, t.Schema,
        [
            new Column("id", SqlType.Integer, nullable: false) { Identity = true },
            new Column("revision", SqlType.String(64), nullable: false),
            new Column("direction", SqlType.String(10), nullable: false),
            new Column("applied_at", SqlType.DateTimeOffset, nullable: false, serverDefault: ServerDefault.Sql("CURRENT_TIMESTAMP")),
            new Column("duration_ms", SqlType.BigInteger),
            new Column("checksum", SqlType.String(64)),
            new Column(RowsColumn, SqlType.BigInteger),
            new Column(AllowedColumn, SqlType.Text),
        ],
        new PrimaryKeyConstraint(ValueList.Of("id"), t.History + "_pkc"));

    /// <summary>The progress table: one row per committed phase or checkpointed data step of a partly applied revision.</summary>
    public virtual Table ProgressTable(HistoryTables t) => Table.Create(t.Progress, t.Schema,
        [
            new Column("revision", SqlType.String(64), nullable: false),
            new Column("direction", SqlType.String(10), nullable: false),
            new Column("step", SqlType.Integer, nullable: false),
            new Column("description", SqlType.String(300)),
            new Column("rows_done", SqlType.BigInteger, nullable: false),
            new Column("rows_written", SqlType.BigInteger, nullable: false),
            new Column("finished", SqlType.Boolean, nullable: false),
            new Column("elapsed_ms", SqlType.BigInteger, nullable: false),
            new Column("checksum", SqlType.String(64)),
            new Column("last_key", SqlType.Text),
            new Column(PhaseColumn, SqlType.String(20)),
            new Column("updated_at", SqlType.DateTimeOffset, nullable: false, serverDefault: ServerDefault.Sql("CURRENT_TIMESTAMP")),
        ],
        new PrimaryKeyConstraint(ValueList.Of("revision", "direction", "step"), t.Progress + "_pkc"));

    /// <summary>The applied heads, in order.</summary>
    public virtual SqlStatement ReadHeads(HistoryTables t) => new($"SELECT version_num FROM {Name(t, t.Version)} ORDER BY version_num");

    /// <summary>One head replaced by another (as Alembic writes it: a readable script).</summary>
    public virtual SqlStatement ReplaceHead(HistoryTables t, string old, string @new) =>
        new($"UPDATE {Name(t, t.Version)} SET version_num = @new WHERE version_num = @old") { Parameters = Values(("new", @new), ("old", old)) };

    /// <summary>A head added.</summary>
    public virtual SqlStatement InsertHead(HistoryTables t, string id) =>
        new($"INSERT INTO {Name(t, t.Version)} (version_num) VALUES (@id)") { Parameters = Values(("id", id)) };

    /// <summary>A head removed.</summary>
    public virtual SqlStatement DeleteHead(HistoryTables t, string id) =>
        new($"DELETE FROM {Name(t, t.Version)} WHERE version_num = @id") { Parameters = Values(("id", id)) };

    /// <summary>Every head removed.</summary>
    public virtual SqlStatement ClearHeads(HistoryTables t) => new($"DELETE FROM {Name(t, t.Version)}");

    /// <summary>
    /// A history row. <paramref name="durationSql"/>, when given, is an expression the database computes the duration
    /// with (see <see cref="StatementExecution.RevisionElapsedMillisecondsSql"/>), used instead of <paramref name="durationMs"/>;
    /// <paramref name="rows"/> needs the rows column.
    /// </summary>
    public virtual SqlStatement InsertHistory(HistoryTables t, string revision, string direction, long? durationMs, string? checksum, long? rows, string? durationSql) =>
        InsertHistory(t, revision, direction, durationMs, checksum, rows, durationSql, allowed: null);

    /// <summary>
    /// A history row with the lint findings the run allowed (<paramref name="allowed"/>, which needs the allowed column;
    /// null leaves the column out), otherwise as the overload without it.
    /// </summary>
    public virtual SqlStatement InsertHistory(HistoryTables t, string revision, string direction, long? durationMs, string? checksum, long? rows, string? durationSql,
        string? allowed)
    {
        var columns = "revision, direction, duration_ms, checksum" + (rows is null ? "" : ", " + RowsColumn) + (allowed is null ? "" : ", " + AllowedColumn);
        var values = $"@revision, @direction, {durationSql ?? "@duration"}, @checksum" + (rows is null ? "" : ", @rows") + (allowed is null ? "" : ", @allowed");
        return new($"INSERT INTO {Name(t, t.History)} ({columns}) VALUES ({values})")
        {
            Parameters = Values(("revision", revision), ("direction", direction), ("duration", durationMs), ("checksum", checksum), ("rows", rows), ("allowed", allowed)),
        };
    }

    /// <summary>The history, oldest first: id, revision, direction, applied at, duration in ms, checksum, rows (NULL without the rows column).</summary>
    public virtual SqlStatement ReadHistory(HistoryTables t, bool hasRowsColumn) =>
        new($"SELECT id, revision, direction, applied_at, duration_ms, checksum, {(hasRowsColumn ? RowsColumn : "NULL")} FROM {Name(t, t.History)} ORDER BY id");

    /// <summary>The history as <see cref="ReadHistory(HistoryTables, bool)"/> reads it, then the allowed findings (NULL without the allowed column).</summary>
    public virtual SqlStatement ReadHistory(HistoryTables t, bool hasRowsColumn, bool hasAllowedColumn) =>
        new($"SELECT id, revision, direction, applied_at, duration_ms, checksum, {(hasRowsColumn ? RowsColumn : "NULL")}, " +
            $"{(hasAllowedColumn ? AllowedColumn : "NULL")} FROM {Name(t, t.History)} ORDER BY id");

    /// <summary>
    /// Progress rows (all, or one revision's in one direction), ordered by revision, direction and step: the columns of
    /// <see cref="ProgressTable"/> up to <c>last_key</c>, then the phase (NULL without the phase column).
    /// </summary>
    public virtual SqlStatement ReadProgress(HistoryTables t, string? revision, string? direction, bool hasPhaseColumn) =>
        new($"SELECT {ProgressColumns}, {(hasPhaseColumn ? PhaseColumn : "NULL")} FROM {Name(t, t.Progress)}" +
            (revision is null ? "" : " WHERE revision = @revision AND direction = @direction") + " ORDER BY revision, direction, step")
        {
            Parameters = revision is null ? Values() : Values(("revision", revision), ("direction", direction)),
        };

    /// <summary>A step's progress row written: inserted, or updated when it <paramref name="exists"/>.</summary>
    public virtual SqlStatement SaveProgress(HistoryTables t, bool exists, IReadOnlyDictionary<string, object?> row) =>
        new(exists
            ? $"UPDATE {Name(t, t.Progress)} SET rows_done = @rows_done, rows_written = @rows_written, finished = @finished, elapsed_ms = @elapsed_ms, " +
              $"last_key = @last_key, {PhaseColumn} = @phase, updated_at = CURRENT_TIMESTAMP WHERE revision = @revision AND direction = @direction AND step = @step"
            : $"INSERT INTO {Name(t, t.Progress)} ({ProgressColumns}, {PhaseColumn}) VALUES (@revision, @direction, @step, @description, @rows_done, " +
              "@rows_written, @finished, @elapsed_ms, @checksum, @last_key, @phase)")
        {
            Parameters = row,
        };

    /// <summary>One step's progress row removed (a recipe whose later step failed and undid it starts again from it).</summary>
    public virtual SqlStatement DeleteProgressStep(HistoryTables t, string revision, string direction, int step) =>
        new($"DELETE FROM {Name(t, t.Progress)} WHERE revision = @revision AND direction = @direction AND step = @step")
        { Parameters = Values(("revision", revision), ("direction", direction), ("step", step)) };

    /// <summary>Progress rows removed: a revision's in one direction, a revision's in both (null direction), or all (null revision).</summary>
    public virtual SqlStatement DeleteProgress(HistoryTables t, string? revision, string? direction) =>
        revision is null ? new($"DELETE FROM {Name(t, t.Progress)}")
        : direction is null ? new($"DELETE FROM {Name(t, t.Progress)} WHERE revision = @revision") { Parameters = Values(("revision", revision)) }
        : new($"DELETE FROM {Name(t, t.Progress)} WHERE revision = @revision AND direction = @direction") { Parameters = Values(("revision", revision), ("direction", direction)) };

    /// <summary>Whether any row is in one of the tables (before dropping the tables a failed first run made).</summary>
    public virtual SqlStatement AnyRow(HistoryTables t, string table) => new($"SELECT 1 FROM {Name(t, table)} LIMIT 1");

    /// <summary>A table's quoted, schema-qualified name.</summary>
    protected string Name(HistoryTables t, string table) => dialect.QualifyName(t.Schema, table);

    private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);
}

using System.Globalization;
using Npgsql;
using Retort.Operations;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// What a copy-and-swap backfill of one table needs to know, read from the catalog before anything changes: the
/// names of the copy and its helpers, the columns and the SELECT list that applies the SET clause, the statements
/// that rebuild the indexes and constraints on the copy, and what the swap renames. Tables the copy cannot stand
/// in for (other objects refer to them by OID) are refused here, with every reason at once.
/// </summary>
internal sealed record TableCopyPlan
{
    /// <summary>Prefix of every object a copy creates: the copy, its change log, trigger and function.</summary>
    public const string Prefix = "retort_copy_";

    public required uint Oid { get; init; }
    public required string Schema { get; init; }
    public required string Name { get; init; }
    /// <summary>The table, quoted and schema-qualified.</summary>
    public required string Table { get; init; }
    public required string CopyName { get; init; }
    public required string Copy { get; init; }
    public required string Log { get; init; }
    public required string Function { get; init; }
    public required string Trigger { get; init; }
    public required string TruncateTrigger { get; init; }
    public required IReadOnlyList<string> Keys { get; init; }
    /// <summary>The copy's CREATE TABLE statement.</summary>
    public required string CreateCopy { get; init; }
    /// <summary><c>(a, b, …) [OVERRIDING SYSTEM VALUE] SELECT …</c> without FROM: the columns written and the values, SET applied.</summary>
    public required string InsertSelect { get; init; }
    /// <summary>Indexes, primary key, unique and exclusion constraints of the copy, built after the copy.</summary>
    public required IReadOnlyList<string> BuildStatements { get; init; }
    /// <summary>
    /// The original's foreign keys: added to the copy in the swap (NOT VALID; a foreign key on the copy earlier
    /// would make the application's deletes of referenced rows fail on rows the copy has not caught up with yet),
    /// validated after it when they were valid.
    /// </summary>
    public required IReadOnlyList<(string Temporary, string Original, string Definition, bool Validated)> ForeignKeys { get; init; }
    /// <summary>After the original is dropped: (kind, name on the copy, original name); kind is "constraint" or "index".</summary>
    public required IReadOnlyList<(string Kind, string Temporary, string Original)> Renames { get; init; }
    /// <summary>Columns whose sequence the original owns (serial): ownership moves to the copy before the drop.</summary>
    public required IReadOnlyList<(string Column, string Sequence)> OwnedSequences { get; init; }
    /// <summary>Identity columns and their sequence on the original: the copy's own sequence continues from it.</summary>
    public required IReadOnlyList<(string Column, string Sequence)> IdentitySequences { get; init; }
    public required string Owner { get; init; }
    public required bool OwnerDiffers { get; init; }
    /// <summary>The tables the original's foreign keys refer to: dropping the original removes its triggers there.</summary>
    public required IReadOnlyList<string> ReferencedTables { get; init; }

    /// <summary>How to give up a copy that cannot be finished.</summary>
    public string GiveUp => $"drop the function {Function}() with CASCADE (which drops its triggers), the tables {Copy} and {Log}, and delete the revision's progress rows";

    /// <summary>The message that refuses a copy for <paramref name="why"/>.</summary>
    public static string Refused(string table, IEnumerable<string> why) =>
        $"Cannot backfill {table} by copy and swap: {string.Join("; ", why)}. The copy would replace the table and could not carry these " +
        "over. Leave out the strategy to update the rows in place, or remove them first and recreate them after.";

    /// <summary>Why the table cannot be copied and swapped, one line each (empty: it can). Run when the plan is read and again under the swap's lock.</summary>
    public async Task<List<string>> RefusalsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var refusals = new List<string>();
        await using var command = new NpgsqlCommand(RefusalsSql, connection);
        command.Parameters.Add(new NpgsqlParameter("oid", NpgsqlTypes.NpgsqlDbType.Oid) { Value = Oid });
        command.Parameters.AddWithValue("schema", Schema);
        command.Parameters.AddWithValue("name", Name);
        command.Parameters.AddWithValue("keys", Keys.ToArray());
        command.Parameters.AddWithValue("own", new[] { Trigger[1..^1], TruncateTrigger[1..^1] });
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) refusals.Add(r.GetString(0));
        return refusals;
    }

    public static async Task<TableCopyPlan> ReadAsync(NpgsqlConnection connection, PostgreSqlDialect dialect, BackfillOperation backfill,
        IReadOnlyList<string> keys, bool resuming, CancellationToken ct)
    {
        var table = dialect.QualifyName(backfill.Schema, backfill.TableName);

        uint oid;
        string schema, name, persistence, owner, currentUser;
        string? options, tablespace;
        await using (var command = new NpgsqlCommand(
            "SELECT c.oid, n.nspname, c.relname, c.relpersistence::text, array_to_string(c.reloptions, ', '), t.spcname, pg_get_userbyid(c.relowner), " +
            "current_user FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "LEFT JOIN pg_tablespace t ON t.oid = c.reltablespace WHERE c.oid = to_regclass(@table)", connection))
        {
            command.Parameters.AddWithValue("table", table);
            await using var r = await command.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) throw new RetortException($"Cannot backfill {table}: the table does not exist.");
            (oid, schema, name, persistence) = (r.GetFieldValue<uint>(0), r.GetString(1), r.GetString(2), r.GetString(3));
            options = r.IsDBNull(4) ? null : r.GetString(4);
            tablespace = r.IsDBNull(5) ? null : r.GetString(5);
            (owner, currentUser) = (r.GetString(6), r.GetString(7));
        }

        var columns = new List<(string Name, bool Generated, char Identity, string? Sequence, string Type)>();
        await using (var command = new NpgsqlCommand(
            "SELECT a.attname, a.attgenerated <> '', a.attidentity::text, pg_get_serial_sequence(@table, a.attname), format_type(a.atttypid, a.atttypmod) " +
            "FROM pg_attribute a WHERE a.attrelid = @oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", connection))
        {
            command.Parameters.AddWithValue("table", table);
            command.Parameters.Add(new NpgsqlParameter("oid", NpgsqlTypes.NpgsqlDbType.Oid) { Value = oid });
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                columns.Add((r.GetString(0), r.GetBoolean(1), r.GetString(2) is { Length: 1 } id ? id[0] : '\0', r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4)));
        }

        var assignments = SetAssignment.Parse(backfill.Set);
        foreach (var a in assignments)
        {
            var column = columns.FirstOrDefault(c => c.Name == a.Column);
            if (column.Name is null) throw new RetortException($"Cannot backfill {table} by copy and swap: it has no column '{a.Column}' (SET {backfill.Set}).");
            if (column.Generated) throw new RetortException($"Cannot backfill {table}: column '{a.Column}' is generated and cannot be assigned.");
            if (keys.Contains(a.Column, StringComparer.Ordinal))
                throw new RetortException($"Cannot backfill {table} by copy and swap: the SET clause assigns key column '{a.Column}', and the copy follows " +
                    "the table's rows by their key. Update key columns in place.");
        }
        var written = columns.Where(c => !c.Generated).ToList();
        var values = written.Select(c =>
        {
            var quoted = dialect.QuoteIdentifier(c.Name);
            if (assignments.FirstOrDefault(a => a.Column == c.Name) is not { } a) return quoted;
            // A line break before each closing parenthesis: a "--" comment in the expression cannot reach past it.
            // No cast under the CASE: the INSERT converts its result as an UPDATE's assignment would (a cast to
            // varchar(n) would cut a long value where the UPDATE refuses it).
            return backfill.Where is null
                ? $"({a.Expression}\n)"
                : $"CASE WHEN ({backfill.Where}\n) THEN ({a.Expression}\n) ELSE {quoted} END";
        });
        var overriding = written.Any(c => c.Identity == 'a') ? " OVERRIDING SYSTEM VALUE" : "";
        var insertSelect = $"({string.Join(", ", written.Select(c => dialect.QuoteIdentifier(c.Name)))}){overriding}\nSELECT {string.Join(",\n  ", values)}";

        var q = dialect.QuoteIdentifier(schema) + ".";
        var tag = oid.ToString(CultureInfo.InvariantCulture);
        var copyName = Prefix + tag;
        var copy = q + dialect.QuoteIdentifier(copyName);
        if (resuming) await RefuseChangedColumnsAsync(connection, table, copy, columns.Select(c => $"{c.Name} {c.Type}").ToList(), ct);
        var build = new List<string>();
        var renames = new List<(string, string, string)>();
        var n = 0;
        string Temporary() => $"{Prefix}{tag}_{++n}";
        await using (var command = new NpgsqlCommand(
            "SELECT ic.relname, con.conname, pg_get_indexdef(i.indexrelid), pg_get_constraintdef(con.oid), format('%I.%I', @schema, @name) " +
            "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid " +
            "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x') " +
            "WHERE i.indrelid = @oid ORDER BY con.contype = 'p' DESC, ic.relname", connection))
        {
            command.Parameters.Add(new NpgsqlParameter("oid", NpgsqlTypes.NpgsqlDbType.Oid) { Value = oid });
            command.Parameters.AddWithValue("schema", schema);
            command.Parameters.AddWithValue("name", name);
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var temporary = Temporary();
                if (!r.IsDBNull(1))
                {
                    build.Add($"ALTER TABLE {copy} ADD CONSTRAINT {dialect.QuoteIdentifier(temporary)} {r.GetString(3)}");
                    renames.Add(("constraint", temporary, r.GetString(1)));
                    continue;
                }
                // pg_get_indexdef: CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING method (…) […]; the copy's
                // index is the same from USING on.
                var definition = r.GetString(2);
                var on = definition.IndexOf(" ON " + r.GetString(4) + " USING ", StringComparison.Ordinal);
                if (on < 0) throw new RetortException($"Cannot backfill {table} by copy and swap: cannot read the definition of index {r.GetString(0)} ({definition}).");
                var unique = definition.StartsWith("CREATE UNIQUE ", StringComparison.Ordinal) ? "UNIQUE " : "";
                build.Add($"CREATE {unique}INDEX {dialect.QuoteIdentifier(temporary)} ON {copy}{definition[(on + 4 + r.GetString(4).Length)..]}");
                renames.Add(("index", temporary, r.GetString(0)));
            }
        }
        var foreignKeys = new List<(string, string, string, bool)>();
        var referenced = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT conname, pg_get_constraintdef(oid), convalidated, confrelid::regclass::text FROM pg_constraint WHERE conrelid = @oid AND contype = 'f' ORDER BY conname", connection))
        {
            command.Parameters.Add(new NpgsqlParameter("oid", NpgsqlTypes.NpgsqlDbType.Oid) { Value = oid });
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var temporary = Temporary();
                foreignKeys.Add((temporary, r.GetString(0), r.GetString(1), r.GetBoolean(2)));
                if (!referenced.Contains(r.GetString(3))) referenced.Add(r.GetString(3));
                renames.Add(("constraint", temporary, r.GetString(0)));
            }
        }

        var createCopy = $"CREATE {(persistence == "u" ? "UNLOGGED " : "")}TABLE {copy} (LIKE {table} INCLUDING ALL EXCLUDING INDEXES EXCLUDING STATISTICS)" +
            (options is null ? "" : $" WITH ({options})") + (tablespace is null ? "" : $" TABLESPACE {dialect.QuoteIdentifier(tablespace)}");
        var plan = new TableCopyPlan
        {
            Oid = oid,
            Schema = schema,
            Name = name,
            Table = q + dialect.QuoteIdentifier(name),
            CopyName = copyName,
            Copy = copy,
            Log = q + dialect.QuoteIdentifier(copyName + "_log"),
            Function = q + dialect.QuoteIdentifier(copyName + "_record"),
            Trigger = dialect.QuoteIdentifier(copyName),
            TruncateTrigger = dialect.QuoteIdentifier(copyName + "_truncate"),
            Keys = keys,
            CreateCopy = createCopy,
            InsertSelect = insertSelect,
            BuildStatements = build,
            ForeignKeys = foreignKeys,
            Renames = renames,
            OwnedSequences = columns.Where(c => c.Identity == '\0' && c.Sequence is not null).Select(c => (c.Name, c.Sequence!)).ToList(),
            IdentitySequences = columns.Where(c => c.Identity != '\0' && c.Sequence is not null).Select(c => (c.Name, c.Sequence!)).ToList(),
            Owner = owner,
            OwnerDiffers = owner != currentUser,
            ReferencedTables = referenced,
        };
        if (await plan.RefusalsAsync(connection, ct) is { Count: > 0 } refusals)
            throw new RetortException(resuming
                ? $"Cannot go on with the copy-and-swap backfill of {table}: {string.Join("; ", refusals)}; the copy could not carry that over. " +
                  $"The table is as it was. Undo that change and run the upgrade again to finish the step, or give up this copy ({plan.GiveUp})."
                : Refused(table, refusals));
        await CheckPlansAsync(connection, plan, ct);
        return plan;
    }

    /// <summary>
    /// Plans (without running) the copy's INSERT against the table itself, which has the copy's columns: a SET
    /// expression that does not fit its column, or a WHERE that does not parse, fails here, before anything changes.
    /// </summary>
    private static async Task CheckPlansAsync(NpgsqlConnection connection, TableCopyPlan plan, CancellationToken ct)
    {
        try
        {
            await using var command = new NpgsqlCommand($"EXPLAIN INSERT INTO {plan.Table} {plan.InsertSelect}\nFROM {plan.Table}", connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is not (PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled))
        {
            throw new RetortException($"Cannot backfill {plan.Table} by copy and swap: the copy's INSERT … SELECT does not plan: {e.MessageText}. " +
                "With a WHERE, each assigned value becomes CASE WHEN <where> THEN <value> ELSE <column> END, so the value's type must match the " +
                "column's (cast it, for example 1::text).", e);
        }
    }

    /// <summary>
    /// When a copy from an earlier run exists (a resumed step), its columns must still be the table's: a column
    /// added, dropped or retyped since would be lost or fail in the copy. Refused with what to do.
    /// </summary>
    private static async Task RefuseChangedColumnsAsync(NpgsqlConnection connection, string table, string copy, List<string> columns, CancellationToken ct)
    {
        var copied = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a " +
            "WHERE a.attrelid = to_regclass(@copy) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", connection))
        {
            command.Parameters.AddWithValue("copy", copy);
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) copied.Add($"{r.GetString(0)} {r.GetString(1)}");
        }
        if (copied.Count == 0 || copied.SequenceEqual(columns)) return;
        throw new RetortException($"Cannot go on with the copy-and-swap backfill of {table}: its columns changed after the copy {copy} was made " +
            $"(table: {string.Join(", ", columns)}; copy: {string.Join(", ", copied)}). The table is as it was. Give up this copy: drop the " +
            $"triggers and the function whose names start with {Prefix}, the table {copy} and its _log table, delete the revision's progress " +
            "rows, then run the upgrade again.");
    }

    /// <summary>
    /// Everything that keeps a copy from standing in for the table, one line each: what refers to the table by OID
    /// (views, foreign keys, triggers other than the copy's own, policies, publications, statistics, row type users),
    /// kinds of table, and keys or constraints the copy could not follow or keep.
    /// </summary>
    private const string RefusalsSql = """
        SELECT 'it is a partitioned table' FROM pg_class WHERE oid = @oid AND relkind = 'p'
        UNION ALL SELECT 'it is not an ordinary table' FROM pg_class WHERE oid = @oid AND relkind NOT IN ('r', 'p')
        UNION ALL SELECT 'it is a temporary table' FROM pg_class WHERE oid = @oid AND relpersistence = 't'
        UNION ALL SELECT 'it is a partition of another table' FROM pg_class WHERE oid = @oid AND relispartition
        UNION ALL SELECT 'it is a typed table (CREATE TABLE … OF type)' FROM pg_class WHERE oid = @oid AND reloftype <> 0
        UNION ALL SELECT 'row-level security is enabled on it' FROM pg_class WHERE oid = @oid AND relrowsecurity
        UNION ALL SELECT 'it has rules' FROM pg_class WHERE oid = @oid AND relhasrules
        UNION ALL SELECT 'its replica identity is an index' FROM pg_class WHERE oid = @oid AND relreplident = 'i'
        UNION ALL SELECT format('key column %I may be NULL (the copy follows rows by key)', attname)
            FROM pg_attribute WHERE attrelid = @oid AND attname = ANY (@keys) AND NOT attnotnull
        UNION ALL SELECT format('check constraint %I is NOT VALID (the copy would check every row against it)', conname)
            FROM pg_constraint WHERE conrelid = @oid AND contype = 'c' AND NOT convalidated
        UNION ALL SELECT format('table %s inherits from it', inhrelid::regclass) FROM pg_inherits WHERE inhparent = @oid
        UNION ALL SELECT format('it inherits from %s', inhparent::regclass) FROM pg_inherits WHERE inhrelid = @oid
        UNION ALL SELECT format('it has trigger %I', tgname) FROM pg_trigger WHERE tgrelid = @oid AND NOT tgisinternal AND tgname <> ALL (@own)
        UNION ALL SELECT format('it has row-level security policy %I', polname) FROM pg_policy WHERE polrelid = @oid
        UNION ALL SELECT format('foreign key %I of %s refers to it', conname, conrelid::regclass) FROM pg_constraint WHERE contype = 'f' AND confrelid = @oid
        UNION ALL SELECT format('it is in publication %I', pubname) FROM pg_publication_tables WHERE schemaname = @schema AND tablename = @name
        UNION ALL SELECT format('it has extended statistics %I', stxname) FROM pg_statistic_ext WHERE stxrelid = @oid
        UNION ALL SELECT format('index %s is invalid (an interrupted concurrent build; drop or rebuild it)', indexrelid::regclass) FROM pg_index WHERE indrelid = @oid AND NOT indisvalid
        UNION ALL SELECT DISTINCT CASE WHEN d.classid = 'pg_rewrite'::regclass
                THEN (SELECT format('%s %s depends on it', CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END, c.oid::regclass)
                      FROM pg_rewrite w JOIN pg_class c ON c.oid = w.ev_class WHERE w.oid = d.objid)
                ELSE format('%s depends on it', pg_describe_object(d.classid, d.objid, 0)) END
            FROM pg_depend d
            WHERE d.deptype = 'n' AND d.classid <> 'pg_constraint'::regclass
              AND NOT (d.classid = 'pg_attrdef'::regclass AND EXISTS (SELECT 1 FROM pg_attrdef x WHERE x.oid = d.objid AND x.adrelid = @oid))
              AND ((d.refclassid = 'pg_class'::regclass AND d.refobjid = @oid)
                   OR (d.refclassid = 'pg_type'::regclass AND d.refobjid = (SELECT reltype FROM pg_class WHERE oid = @oid)))
        """;
}

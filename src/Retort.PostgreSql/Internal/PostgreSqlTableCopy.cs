using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using Retort.Dialects;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// PostgreSQL's copy-and-swap backfill. The copy is an unindexed table like the original; an AFTER trigger on the
/// original records the key of every row written to it in a change log (a SECURITY DEFINER function, so writers
/// need no rights on the log); batches insert the original's rows into the copy with the SET clause applied;
/// replaying deletes the logged keys from the copy and inserts those rows again from the original. The swap locks
/// the original, replays the rest, drops it and gives the copy its name, indexes, constraints, grants and sequences.
/// </summary>
internal sealed class PostgreSqlTableCopy(PostgreSqlDialect dialect, TableCopyPlan plan) : TableCopy
{
    private const string Savepoint = "retort_copy_lock";

    private string Keys(string? alias = null) => string.Join(", ", plan.Keys.Select(k => (alias is null ? "" : alias + ".") + dialect.QuoteIdentifier(k)));

    public override async Task PrepareAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var c = (NpgsqlConnection)connection;
        // No checkpoint exists, so anything by these names is left from a run whose progress rows were deleted:
        // start again from nothing. The triggers are looked for first: dropping one locks the whole table.
        await using (var command = new NpgsqlCommand("SELECT quote_ident(tgname) FROM pg_trigger WHERE tgrelid = to_regclass(@table) AND tgname IN (@a, @b)", c))
        {
            command.Parameters.AddWithValue("table", plan.Table);
            command.Parameters.AddWithValue("a", plan.Trigger[1..^1]);
            command.Parameters.AddWithValue("b", plan.TruncateTrigger[1..^1]);
            var leftovers = new List<string>();
            await using (var r = await command.ExecuteReaderAsync(cancellationToken))
                while (await r.ReadAsync(cancellationToken)) leftovers.Add(r.GetString(0));
            foreach (var trigger in leftovers)
                await WithLockRetriesAsync(c, () => ExecuteAsync(c, $"DROP TRIGGER {trigger} ON {plan.Table}", cancellationToken), cancellationToken);
        }
        await ExecuteAsync(c, $"DROP FUNCTION IF EXISTS {plan.Function}()", cancellationToken);
        await ExecuteAsync(c, $"DROP TABLE IF EXISTS {plan.Copy}, {plan.Log}", cancellationToken);
        await ExecuteAsync(c, plan.CreateCopy, cancellationToken);
        if (plan.OwnerDiffers) await ExecuteAsync(c, $"ALTER TABLE {plan.Copy} OWNER TO {dialect.QuoteIdentifier(plan.Owner)}", cancellationToken);
        await ExecuteAsync(c, $"CREATE TABLE {plan.Log} AS SELECT {Keys()} FROM {plan.Table} WITH NO DATA", cancellationToken);
        var oldKeys = string.Join(", ", plan.Keys.Select(k => "OLD." + dialect.QuoteIdentifier(k)));
        var newKeys = string.Join(", ", plan.Keys.Select(k => "NEW." + dialect.QuoteIdentifier(k)));
        await ExecuteAsync(c, $"""
            CREATE FUNCTION {plan.Function}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $retort_copy$
            BEGIN
              IF TG_OP = 'TRUNCATE' THEN
                RAISE EXCEPTION 'table %.% is being copied by a Retort backfill; TRUNCATE it after the migration', TG_TABLE_SCHEMA, TG_TABLE_NAME;
              END IF;
              IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ROW({oldKeys}) IS DISTINCT FROM ROW({newKeys})) THEN
                INSERT INTO {plan.Log} ({Keys()}) VALUES ({oldKeys});
              END IF;
              IF TG_OP <> 'DELETE' THEN
                INSERT INTO {plan.Log} ({Keys()}) VALUES ({newKeys});
              END IF;
              RETURN NULL;
            END
            $retort_copy$
            """, cancellationToken);
        // Creating a trigger waits for the writers in flight; the lock timeout and retries keep that wait bounded.
        await WithLockRetriesAsync(c, async () =>
        {
            await ExecuteAsync(c, $"CREATE TRIGGER {plan.Trigger} AFTER INSERT OR UPDATE OR DELETE ON {plan.Table} FOR EACH ROW EXECUTE FUNCTION {plan.Function}()", cancellationToken);
            await ExecuteAsync(c, $"CREATE TRIGGER {plan.TruncateTrigger} BEFORE TRUNCATE ON {plan.Table} FOR EACH STATEMENT EXECUTE FUNCTION {plan.Function}()", cancellationToken);
            // ALWAYS: they fire in sessions with session_replication_role = replica too (a logical replication
            // subscription applying changes, some bulk loaders), whose writes would otherwise be lost.
            await ExecuteAsync(c, $"ALTER TABLE {plan.Table} ENABLE ALWAYS TRIGGER {plan.Trigger}, ENABLE ALWAYS TRIGGER {plan.TruncateTrigger}", cancellationToken);
        }, cancellationToken);
    }

    public override string CopyBatchSql(string keyRange) => $"INSERT INTO {plan.Copy} {plan.InsertSelect}\nFROM {plan.Table}\nWHERE {keyRange}";

    public override async Task<long> ReplayAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var c = (NpgsqlConnection)connection;
        // One snapshot for the whole pass: the keys deleted from the log are exactly the keys whose rows were read.
        // A write committed after it stays in the log for the next pass.
        await ExecuteAsync(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", cancellationToken);
        return await ReplayLoggedAsync(c, cancellationToken);
    }

    private async Task<long> ReplayLoggedAsync(NpgsqlConnection c, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(c, $"SELECT EXISTS (SELECT 1 FROM {plan.Log})", cancellationToken) is not true) return 0;
        var match = string.Join(" AND ", plan.Keys.Select(k => $"c.{dialect.QuoteIdentifier(k)} = l.{dialect.QuoteIdentifier(k)}"));
        await ExecuteAsync(c, $"DELETE FROM {plan.Copy} c USING {plan.Log} l WHERE {match}", cancellationToken);
        await ExecuteAsync(c, $"INSERT INTO {plan.Copy} {plan.InsertSelect}\nFROM {plan.Table}\nWHERE ({Keys()}) IN (SELECT {Keys()} FROM {plan.Log})", cancellationToken);
        return await ExecuteAsync(c, $"DELETE FROM {plan.Log}", cancellationToken);
    }

    public override async Task BuildIndexesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var c = (NpgsqlConnection)connection;
        // All are built in one transaction, so any index on the copy means an earlier run built them all.
        if (await ScalarAsync(c, $"SELECT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = '{plan.Copy.Replace("'", "''")}'::regclass)", cancellationToken) is true) return;
        foreach (var statement in plan.BuildStatements) await ExecuteAsync(c, statement, cancellationToken);
    }

    public override async Task SwapAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var c = (NpgsqlConnection)connection;
        List<(string Own, string OriginalName)> identityRenames = [];
        await WithLockRetriesAsync(c, async () =>
        {
            await ExecuteAsync(c, $"LOCK TABLE {plan.Table} IN ACCESS EXCLUSIVE MODE", cancellationToken);
            // Dropping the original removes its foreign keys' triggers on the tables they refer to, which takes those
            // tables' exclusive lock too. Taken at once or not at all (NOWAIT): waiting for them while holding the
            // original could deadlock with a session that holds one and waits for the original.
            foreach (var referenced in plan.ReferencedTables)
                await ExecuteAsync(c, $"LOCK TABLE {referenced} IN ACCESS EXCLUSIVE MODE NOWAIT", cancellationToken);
            // What was added to the table while it was copied (a trigger, a view, a policy) would go with it.
            if (await plan.RefusalsAsync(c, cancellationToken) is { Count: > 0 } refusals)
                throw new RetortException($"Cannot swap in the backfilled copy of {plan.Table}: {string.Join("; ", refusals)}; the copy could not carry " +
                    $"that over. Nothing was swapped and the table is as it was. Undo that change and run the upgrade again to finish the step, or give up this copy ({plan.GiveUp}).");
            await CheckCaptureAsync(c, cancellationToken);
            await CheckSameShapeAsync(c, cancellationToken);
            // Nobody else can write the table now: this pass leaves the log empty.
            await ReplayLoggedAsync(c, cancellationToken);
            foreach (var (temporary, _, definition, validated) in plan.ForeignKeys)
                await ExecuteAsync(c, $"ALTER TABLE {plan.Copy} ADD CONSTRAINT {dialect.QuoteIdentifier(temporary)} {definition}{(validated ? " NOT VALID" : "")}", cancellationToken);
            identityRenames = await CarryOverAsync(c, cancellationToken);
            await ExecuteAsync(c, $"DROP TABLE {plan.Table}", cancellationToken);
        }, cancellationToken);
        await ExecuteAsync(c, $"ALTER TABLE {plan.Copy} RENAME TO {dialect.QuoteIdentifier(plan.Name)}", cancellationToken);
        foreach (var (kind, temporary, original) in plan.Renames)
            await ExecuteAsync(c, kind == "index"
                ? $"ALTER INDEX {dialect.QuoteIdentifier(plan.Schema)}.{dialect.QuoteIdentifier(temporary)} RENAME TO {dialect.QuoteIdentifier(original)}"
                : $"ALTER TABLE {plan.Table} RENAME CONSTRAINT {dialect.QuoteIdentifier(temporary)} TO {dialect.QuoteIdentifier(original)}", cancellationToken);
        foreach (var (own, originalName) in identityRenames)
            // The copy's identity sequence took over the original's position and grants in CarryOverAsync; now it takes its name too.
            await ExecuteAsync(c, $"ALTER SEQUENCE {own} RENAME TO {dialect.QuoteIdentifier(originalName)}", cancellationToken);
        await ExecuteAsync(c, $"DROP TABLE {plan.Log}", cancellationToken);
        await ExecuteAsync(c, $"DROP FUNCTION {plan.Function}()", cancellationToken);
    }


    /// <summary>Refuses to swap when the triggers that record writes were dropped or disabled: writes may have gone unrecorded.</summary>
    private async Task CheckCaptureAsync(NpgsqlConnection c, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(@table) AND tgname = ANY (@names) AND tgenabled = 'A'", c);
        command.Parameters.AddWithValue("table", plan.Table);
        command.Parameters.AddWithValue("names", new[] { plan.Trigger[1..^1], plan.TruncateTrigger[1..^1] });
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 2) return;
        throw new RetortException($"Cannot swap in the backfilled copy of {plan.Table}: the triggers {plan.Trigger} and {plan.TruncateTrigger} that record " +
            "writes to the table for the copy were dropped or disabled, so the copy may have missed writes. Nothing was swapped and the table is as it was. " +
            $"Give up this copy (drop the function {plan.Function}() with CASCADE, the tables {plan.Copy} and {plan.Log}, and delete the revision's " +
            "progress rows), then run the upgrade again.");
    }

    /// <summary>
    /// Refuses to swap when the table's columns, indexes or constraints changed after the copy was made (a
    /// concurrent ALTER TABLE or CREATE INDEX): the copy would silently lose the change.
    /// </summary>
    private async Task CheckSameShapeAsync(NpgsqlConnection c, CancellationToken cancellationToken)
    {
        var table = await ShapeAsync(c, plan.Table, cancellationToken);
        // The copy gets its foreign keys in the swap, as the plan read them from the table.
        var copy = (await ShapeAsync(c, plan.Copy, cancellationToken)).Concat(plan.ForeignKeys.Select(f => $"constraint {f.Original}: {f.Definition}")).ToList();
        var missing = table.Except(copy).ToList();
        var extra = copy.Except(table).ToList();
        if (missing.Count == 0 && extra.Count == 0) return;
        throw new RetortException($"Cannot swap in the backfilled copy of {plan.Table}: the table changed while it was copied " +
            $"(the table has {(missing.Count == 0 ? "nothing the copy lacks" : string.Join("; ", missing))}; the copy has " +
            $"{(extra.Count == 0 ? "nothing more" : string.Join("; ", extra))}). Nothing was swapped and the table is as it was. " +
            $"Give up this copy (drop the triggers {plan.Trigger} and {plan.TruncateTrigger} on the table, the function {plan.Function}() and the " +
            $"tables {plan.Copy} and {plan.Log}, and delete the revision's progress rows), then run the upgrade again.");
    }

    /// <summary>The table's columns, indexes and constraints as lines; the copy's temporary names read as the names they take at the swap.</summary>
    private async Task<List<string>> ShapeAsync(NpgsqlConnection c, string table, CancellationToken cancellationToken)
    {
        var names = plan.Renames.ToDictionary(r => r.Temporary, r => r.Original, StringComparer.Ordinal);
        var lines = new List<string>();
        await using var command = new NpgsqlCommand("""
            SELECT 'column', a.attname, format_type(a.atttypid, a.atttypmod) || ' not null ' || a.attnotnull || ' generated ' || a.attgenerated::text
                   || ' identity ' || a.attidentity::text || ' default ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' collation ' || a.attcollation
              FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT 'index', ic.relname, CASE WHEN i.indisunique THEN 'unique ' ELSE '' END || substr(def, strpos(def, ' USING ') + 1)
              FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid, pg_get_indexdef(i.indexrelid) def WHERE i.indrelid = to_regclass(@table)
            UNION ALL
            SELECT 'constraint', conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass(@table)
            """, c);
        command.Parameters.AddWithValue("table", table);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            lines.Add($"{r.GetString(0)} {names.GetValueOrDefault(r.GetString(1), r.GetString(1))}: {r.GetString(2)}");
        return lines;
    }

    /// <summary>What the copy takes over from the original while both exist: sequences, grants, comment, replica identity.</summary>
    /// <returns>The copy's identity sequences (as pg_get_serial_sequence names them) and the names of the original's, for renaming after the drop.</returns>
    private async Task<List<(string Own, string OriginalName)>> CarryOverAsync(NpgsqlConnection c, CancellationToken cancellationToken)
    {
        foreach (var (column, sequence) in plan.OwnedSequences)
            await ExecuteAsync(c, $"ALTER SEQUENCE {sequence} OWNED BY {plan.Copy}.{dialect.QuoteIdentifier(column)}", cancellationToken);
        var grants = new List<string>();
        var identityRenames = new List<(string Own, string OriginalName)>();
        foreach (var (column, sequence) in plan.IdentitySequences)
        {
            var own = (string?)await ScalarAsync(c, $"SELECT pg_get_serial_sequence('{plan.Copy.Replace("'", "''")}', '{column.Replace("'", "''")}')", cancellationToken);
            if (own is null) continue;
            await ExecuteAsync(c, $"SELECT setval('{own.Replace("'", "''")}', last_value, is_called) FROM {sequence}", cancellationToken);
            // As for the table below: only the original sequence's grants, not what default privileges gave the new one.
            await using (var revoke = new NpgsqlCommand(
                "SELECT DISTINCT CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END " +
                "FROM pg_class s, aclexplode(s.relacl) x WHERE s.oid = to_regclass(@own) AND x.grantee <> s.relowner", c))
            {
                revoke.Parameters.AddWithValue("own", own);
                await using var rv = await revoke.ExecuteReaderAsync(cancellationToken);
                while (await rv.ReadAsync(cancellationToken)) grants.Add($"REVOKE ALL ON SEQUENCE {own} FROM {rv.GetString(0)}");
            }
            await using var command = new NpgsqlCommand("""
                SELECT s.relname, x.privilege_type, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END, x.is_grantable
                FROM pg_class s LEFT JOIN LATERAL aclexplode(s.relacl) x ON true WHERE s.oid = to_regclass(@sequence)
                """, c);
            command.Parameters.AddWithValue("sequence", sequence);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                if (!identityRenames.Any(x => x.Own == own)) identityRenames.Add((own, r.GetString(0)));
                if (!r.IsDBNull(1)) grants.Add($"GRANT {r.GetString(1)} ON SEQUENCE {own} TO {r.GetString(2)}{(r.GetBoolean(3) ? " WITH GRANT OPTION" : "")}");
            }
        }
        // The copy's grants become exactly the original's: first take away what default privileges gave the copy.
        await using (var command = new NpgsqlCommand(
            "SELECT DISTINCT CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END " +
            "FROM pg_class t, aclexplode(t.relacl) x WHERE t.oid = to_regclass(@copy) AND x.grantee <> t.relowner", c))
        {
            command.Parameters.AddWithValue("copy", plan.Copy);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken)) grants.Add($"REVOKE ALL ON {plan.Copy} FROM {r.GetString(0)}");
        }
        await using (var command = new NpgsqlCommand("""
            SELECT x.privilege_type, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END, x.is_grantable, NULL::name
            FROM pg_class t, aclexplode(t.relacl) x WHERE t.oid = @oid
            UNION ALL
            SELECT x.privilege_type, CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END, x.is_grantable, a.attname
            FROM pg_attribute a, aclexplode(a.attacl) x WHERE a.attrelid = @oid AND a.attnum > 0 AND NOT a.attisdropped
            """, c))
        {
            command.Parameters.Add(new NpgsqlParameter("oid", NpgsqlTypes.NpgsqlDbType.Oid) { Value = plan.Oid });
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                grants.Add($"GRANT {r.GetString(0)}{(r.IsDBNull(3) ? "" : $" ({dialect.QuoteIdentifier(r.GetString(3))})")} ON {plan.Copy} TO {r.GetString(1)}" +
                    (r.GetBoolean(2) ? " WITH GRANT OPTION" : ""));
        }
        foreach (var grant in grants) await ExecuteAsync(c, grant, cancellationToken);
        // Read now, under the lock: a comment or replica identity set while the table was copied is kept.
        string? comment, identity;
        await using (var command = new NpgsqlCommand("SELECT obj_description(@oid, 'pg_class'), relreplident::text FROM pg_class WHERE oid = @oid", c))
        {
            command.Parameters.Add(new NpgsqlParameter("oid", NpgsqlTypes.NpgsqlDbType.Oid) { Value = plan.Oid });
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            await r.ReadAsync(cancellationToken);
            comment = r.IsDBNull(0) ? null : r.GetString(0);
            identity = r.GetString(1) switch { "n" => "NOTHING", "f" => "FULL", _ => null };
        }
        if (comment is not null) await ExecuteAsync(c, $"COMMENT ON TABLE {plan.Copy} IS '{comment.Replace("'", "''")}'", cancellationToken);
        if (identity is not null) await ExecuteAsync(c, $"ALTER TABLE {plan.Copy} REPLICA IDENTITY {identity}", cancellationToken);
        return identityRenames;
    }

    /// <summary>
    /// Validates the foreign keys that were valid on the original (added NOT VALID in the swap), each in a
    /// transaction of its own, which locks neither table against writes; then gathers the new table's statistics.
    /// </summary>
    public override IReadOnlyList<string> AfterSwapStatements =>
        plan.ForeignKeys.Where(f => f.Validated)
            .Select(f => $"ALTER TABLE {plan.Table} VALIDATE CONSTRAINT {dialect.QuoteIdentifier(f.Original)}")
            // The new table has no statistics yet; without them the planner guesses until autovacuum gets to it.
            .Append($"ANALYZE {plan.Table}")
            .ToList();

    /// <summary>
    /// Runs <paramref name="work"/> after a savepoint; when it meets a lock failure (a <c>lock_timeout</c> or a
    /// deadlock) it is rolled back to the savepoint (releasing what it took) and tried again after the dialect's
    /// retry delay. When the retries are used up, the error says what waited on which table.
    /// </summary>
    private Task WithLockRetriesAsync(NpgsqlConnection c, Func<Task> work, CancellationToken cancellationToken) =>
        // Savepoints as plain statements: Npgsql's NpgsqlTransaction.ReleaseAsync makes its round trip synchronously,
        // which stalls the natively compiled tool (it runs socket continuations inline) until the command timeout.
        dialect.Execution.Retry.RunAsync(async _ =>
        {
            await ExecuteAsync(c, $"SAVEPOINT {Savepoint}", cancellationToken);
            await work();
            await ExecuteAsync(c, $"RELEASE SAVEPOINT {Savepoint}", cancellationToken);
        },
        async retry =>
        {
            await ExecuteAsync(c, $"ROLLBACK TO SAVEPOINT {Savepoint}", cancellationToken);
            if (retry.Delay is { } delay)
                Logger.LogWarning(RetortEventIds.LockRetry, "The copy-and-swap backfill of {Table} could not get a lock ({Reason}; {Summary}). Nothing is held while it waits; " +
                    "trying again in {Delay} ms.", plan.Table, (retry.Failure as PostgresException)?.MessageText ?? retry.Failure.Message, retry.Summary,
                    (long)delay.TotalMilliseconds);
        },
        retry => new RetortException($"Gave up the copy-and-swap backfill of {plan.Table} after {retry.Attempt} attempts over {retry.Waited.TotalSeconds:0.#} s" +
            (retry.Budget is { } b ? $" (the lock wait budget is {b.TotalSeconds:0.#} s)" : "") +
            $": other sessions kept holding a lock it needs ({(retry.Failure as PostgresException)?.MessageText ?? retry.Failure.Message}" +
            $"{(retry.Failure is PostgresException { Where: { Length: > 0 } where } ? "; " + where : "")})" +
            (retry.Blockers is { Length: > 0 } who ? $"; blocked by {who}" : "") + ". " +
            "What the step committed is kept. Let those sessions finish (pg_locks and pg_stat_activity show them) and run the upgrade again to resume.", retry.Failure),
        cancellationToken, canRetry: e => e is PostgresException, watched: c);

    private static async Task<int> ExecuteAsync(NpgsqlConnection c, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection c, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}

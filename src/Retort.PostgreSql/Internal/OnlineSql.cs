using Retort.Dialects;
using Retort.Operations;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// The SQL of one online operation's expand, contract and abort on PostgreSQL. During the expand the table holds both
/// shapes: the old columns under their names and each new column as a shadow column (<c>_retort_new_{name}</c>); a
/// trigger keeps them in step, deciding by the first schema of the writer's <c>search_path</c>: the new version's
/// schema means the new application wrote (old columns computed with the down expressions), anything else the old one
/// (shadow columns computed with the up expressions). The views of each version are built from the catalogue when they
/// are made, so they list the table's columns as they are then.
/// </summary>
internal sealed class OnlineSql(PostgreSqlDdlGenerator generator, OnlineOperation operation, OnlineVersions versions)
{
    /// <summary>Prefix of shadow columns.</summary>
    public const string ShadowPrefix = "_retort_new_";

    private const string TriggerName = "_retort_expand";

    private readonly OnlineShape _shape = operation.GetShape();

    /// <summary>The table's schema: its own, or <c>public</c>.</summary>
    public static string SchemaOf(OnlineOperation o) => o.Schema ?? "public";

    /// <summary>The comment that marks a version schema as made by <paramref name="versions"/>' expand (an abort drops only those).</summary>
    public static string MadeBy(OnlineVersions versions) => $"retort: made by the expand of revision {versions.Revision}";

    private string TableSchema => SchemaOf(operation);

    private string Table => generator.Quote(TableSchema, operation.TableName);

    private string NewSchema => versions.NewSchema(TableSchema);

    private string OldSchema => versions.OldSchema(TableSchema);

    private string Function => generator.Quote(TableSchema, Truncate($"_retort_expand_{operation.TableName}"));

    private static string Shadow(string name) => Truncate(ShadowPrefix + name);

    private static string CheckName(string name) => Truncate("_retort_nn_" + name);

    private static string Truncate(string name) => name.Length > 63 ? name[..63] : name;

    private static string L(string? text) => text is null ? "NULL" : "'" + text.Replace("'", "''") + "'";

    private string Q(string name) => generator.Quote(name);

    private static SqlStatement S(string sql) => PostgreSqlDdlGenerator.Schema(sql);

    private bool NeedsTrigger => _shape.NewColumns.Count > 0 || _shape.RetiredColumns.Any(r => r.Down is not null || r.Derived);

    /// <summary>Shadow columns, the NOT NULL checks for them, the trigger that keeps both shapes in step.</summary>
    public IReadOnlyList<SqlStatement> ExpandTable()
    {
        var statements = new List<SqlStatement>();
        if (_shape.RetiredColumns.Where(r => r.Derived).Select(r => r.Name).ToList() is { Count: > 0 } derived)
        {
            // The contract drops the old column: an index or constraint on it would go with it, and the shadow column has none.
            var names = string.Join(", ", derived.Select(L));
            statements.Add(S($"""
                DO $retort$ DECLARE found text; BEGIN
                SELECT string_agg(DISTINCT c.relname, ', ') INTO found FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = {L(Table)}::regclass AND a.attname IN ({names});
                IF found IS NULL THEN
                  SELECT string_agg(DISTINCT k.conname, ', ') INTO found FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
                    WHERE k.conrelid = {L(Table)}::regclass AND a.attname IN ({names}) AND k.conname NOT LIKE '\_retort\_%' AND k.contype <> 'n';
                END IF;
                IF found IS NOT NULL THEN
                  RAISE EXCEPTION 'The online operation "{Esc(operation.Describe())}" replaces a column that % uses; online operations do not move indexes and constraints yet. Drop them first (and create them on the new column after the revision is completed), or change the column with a plain operation in a maintenance window.', found;
                END IF;
                END $retort$
                """));
        }
        foreach (var column in _shape.NewColumns) statements.Add(S(AddShadow(column)));
        if (!NeedsTrigger) return statements;
        statements.Add(S($"""
            CREATE OR REPLACE FUNCTION {Function}() RETURNS trigger LANGUAGE plpgsql AS $retort$
            BEGIN
              IF lower(btrim(split_part(current_setting('search_path'), ',', 1), ' "')) = {L(NewSchema)} THEN
                NULL;
            {string.Concat(_shape.RetiredColumns.Select(FromNewVersion))}  ELSE
                NULL;
            {string.Concat(_shape.NewColumns.Select(c => $"    NEW.{Q(Shadow(c.Name))} := (SELECT {c.Up ?? Q(c.Source ?? c.Name)} FROM (SELECT NEW.*) AS retort_row);\n"))}  END IF;
              RETURN NEW;
            END $retort$
            """));
        statements.Add(S($"DROP TRIGGER IF EXISTS {Q(TriggerName)} ON {Table}"));
        statements.Add(S($"CREATE TRIGGER {Q(TriggerName)} BEFORE INSERT OR UPDATE ON {Table} FOR EACH ROW EXECUTE FUNCTION {Function}()"));
        return statements;
    }

    // Text inside a RAISE format string, itself inside a string literal.
    private static string Esc(string text) => text.Replace("'", "''").Replace("%", "%%");

    // What the trigger computes for an old column when the new version writes.
    private string FromNewVersion(OnlineRetiredColumn retired)
    {
        var down = retired.Down is { } written
            ? _shape.NewColumns.Aggregate(written, (sql, c) => SqlText.RenameIdentifier(sql, c.Name, Shadow(c.Name)))
            : retired.Derived && _shape.NewColumns.Any(c => c.Name == retired.Name) ? Q(Shadow(retired.Name)) : null;
        if (down is null) return "";
        var assign = $"NEW.{Q(retired.Name)} := (SELECT {down} FROM (SELECT NEW.*) AS retort_row);";
        return retired.Derived ? $"    {assign}\n" : $"    IF TG_OP = 'INSERT' THEN {assign} END IF;\n";
    }

    private string AddShadow(OnlineNewColumn column)
    {
        var type = column.Type is null ? "NULL" : L(generator.TypeName(column.Type));
        var dflt = column.Default is null ? "NULL" : L(generator.RenderDefault(column.Default));
        var notNull = column.NotNull is { } n ? (n ? "true" : "false") : "NULL";
        var source = column.Source is null
            ? "SELECT NULL::text AS src_type, NULL::boolean AS src_notnull, NULL::text AS src_default INTO src;"
            : $"""
              SELECT format_type(a.atttypid, a.atttypmod) AS src_type, a.attnotnull AS src_notnull, pg_get_expr(d.adbin, d.adrelid) AS src_default INTO src
                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = {L(Table)}::regclass AND a.attname = {L(column.Source)} AND a.attnum > 0 AND NOT a.attisdropped;
              IF NOT FOUND THEN RAISE EXCEPTION 'Column "{Esc(column.Source)}" of {Esc(Table)} does not exist: the online operation "{Esc(operation.Describe())}" cannot expand.'; END IF;
              """;
        return $"""
            DO $retort$ DECLARE src record; BEGIN
            {source}
            IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = {L(Table)}::regclass AND attname = {L(Shadow(column.Name))} AND NOT attisdropped) THEN
              EXECUTE format('ALTER TABLE {Esc(Table)} ADD COLUMN %I %s', {L(Shadow(column.Name))}, coalesce({type}, src.src_type));
              IF coalesce({dflt}, src.src_default) IS NOT NULL THEN
                EXECUTE format('ALTER TABLE {Esc(Table)} ALTER COLUMN %I SET DEFAULT %s', {L(Shadow(column.Name))}, coalesce({dflt}, src.src_default));
              END IF;
              IF coalesce({notNull}, src.src_notnull, false) THEN
                EXECUTE format('ALTER TABLE {Esc(Table)} ADD CONSTRAINT %I CHECK (%I IS NOT NULL) NOT VALID', {L(CheckName(column.Name))}, {L(Shadow(column.Name))});
              END IF;
            END IF;
            END $retort$
            """;
    }

    /// <summary>The batched backfill of the shadow columns (the trigger computes them; the SET clause says what it computes).</summary>
    public BackfillOperation? Backfill() => _shape.NewColumns.Count == 0 ? null
        : new BackfillOperation(operation.TableName,
            string.Join(", ", _shape.NewColumns.Select(c => $"{Q(Shadow(c.Name))} = {(c.Up is null ? Q(c.Source ?? c.Name) : "(" + c.Up + ")")}")), TableSchema)
        {
            // None of its own: the runner's default batching applies.
            Batching = operation.Batching,
        };

    /// <summary>Validates the NOT VALID checks of the shadow columns (SHARE UPDATE EXCLUSIVE: writes go on).</summary>
    public IReadOnlyList<SqlStatement> ValidateNotNull() =>
        _shape.NewColumns.Select(c => S($"DO $retort$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = {L(Table)}::regclass AND conname = {L(CheckName(c.Name))} AND NOT convalidated) " +
            $"THEN ALTER TABLE {Table} VALIDATE CONSTRAINT {Q(CheckName(c.Name))}; END IF; END $retort$")).ToList();

    /// <summary>The version schemas and the views of the table in each.</summary>
    public IReadOnlyList<SqlStatement> Views()
    {
        var retired = _shape.RetiredColumns.Select(r => r.Name).ToList();
        var newColumns = string.Concat(retired.Select(r => $"WHEN {L(r)} THEN NULL "))
            + string.Concat(_shape.NewColumns.Select(c => $"WHEN {L(Shadow(c.Name))} THEN format('%I AS %I', a.attname, {L(c.Name)}) "))
            + string.Concat(_shape.RenamedColumns.Select(r => $"WHEN {L(r.Key)} THEN format('%I AS %I', a.attname, {L(r.Value)}) "));
        return
        [
            S(MakeSchema(OldSchema)),
            S(MakeSchema(NewSchema)),
            S(View(OldSchema, operation.TableName, "")),
            S(View(NewSchema, _shape.NewTableName ?? operation.TableName, newColumns)),
        ];
    }

    private string MakeSchema(string name) =>
        $"DO $retort$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = {L(name)}) THEN CREATE SCHEMA {Q(name)}; " +
        $"COMMENT ON SCHEMA {Q(name)} IS {L(MadeBy(versions))}; END IF; END $retort$";

    private string View(string schema, string name, string cases) => $"""
        DO $retort$ DECLARE cols text; BEGIN
        SELECT string_agg({(cases.Length == 0 ? "" : $"CASE a.attname {cases}ELSE ")}CASE WHEN a.attname LIKE '\_retort\_new\_%' THEN NULL ELSE format('%I', a.attname) END{(cases.Length == 0 ? "" : " END")}, ', ' ORDER BY a.attnum) INTO cols
          FROM pg_attribute a WHERE a.attrelid = {L(Table)}::regclass AND a.attnum > 0 AND NOT a.attisdropped;
        EXECUTE format('CREATE OR REPLACE VIEW %I.%I AS SELECT %s FROM {Esc(Table)}', {L(schema)}, {L(name)}, cols);
        END $retort$
        """;

    /// <summary>The contract: triggers and old columns dropped, shadow columns and renamed objects given their final names.</summary>
    public IReadOnlyList<SqlStatement> Contract()
    {
        var statements = new List<SqlStatement>();
        if (NeedsTrigger)
        {
            statements.Add(S($"DROP TRIGGER IF EXISTS {Q(TriggerName)} ON {Table}"));
            statements.Add(S($"DROP FUNCTION IF EXISTS {Function}()"));
        }
        foreach (var retired in _shape.RetiredColumns) statements.Add(S($"ALTER TABLE {Table} DROP COLUMN IF EXISTS {Q(retired.Name)}"));
        foreach (var column in _shape.NewColumns)
        {
            statements.Add(S($"ALTER TABLE {Table} RENAME COLUMN {Q(Shadow(column.Name))} TO {Q(column.Name)}"));
            // The validated check proves the column has no NULL: SET NOT NULL does not scan the table.
            statements.Add(S($"DO $retort$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = {L(Table)}::regclass AND conname = {L(CheckName(column.Name))}) THEN " +
                $"ALTER TABLE {Table} ALTER COLUMN {Q(column.Name)} SET NOT NULL; ALTER TABLE {Table} DROP CONSTRAINT {Q(CheckName(column.Name))}; END IF; END $retort$"));
        }
        foreach (var (from, to) in _shape.RenamedColumns) statements.Add(S($"ALTER TABLE {Table} RENAME COLUMN {Q(from)} TO {Q(to)}"));
        if (_shape.NewTableName is { } newName) statements.Add(S($"ALTER TABLE {Table} RENAME TO {Q(newName)}"));
        // The new version's schema stays (its views follow the renames); it is no longer this revision's to drop.
        statements.Add(S($"DO $retort$ BEGIN IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = {L(NewSchema)}) THEN " +
            $"COMMENT ON SCHEMA {Q(NewSchema)} IS {L($"retort: the version of revision {versions.Revision}")}; END IF; END $retort$"));
        return statements;
    }

    /// <summary>What undoes this operation's expand on the table: its trigger and shadow columns.</summary>
    public IReadOnlyList<SqlStatement> Abort()
    {
        var statements = new List<SqlStatement>
        {
            S($"DROP TRIGGER IF EXISTS {Q(TriggerName)} ON {Table}"),
            S($"DROP FUNCTION IF EXISTS {Function}()"),
        };
        foreach (var column in _shape.NewColumns) statements.Add(S($"ALTER TABLE {Table} DROP COLUMN IF EXISTS {Q(Shadow(column.Name))}"));
        return statements;
    }
}

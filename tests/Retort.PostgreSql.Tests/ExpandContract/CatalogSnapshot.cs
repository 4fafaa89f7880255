using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>
/// What an expand/contract run leaves in the database besides the rows: schemas, views, functions, triggers, the
/// table's columns and their types, and the rows of Retort's own tables (version, progress and any others), one
/// line each, so a run killed and rerun can be compared with an uninterrupted one line by line.
/// </summary>
internal static class CatalogSnapshot
{
    public static async Task<string> TakeAsync(PgDatabase db)
    {
        var lines = new List<string>();
        async Task Add(string what, string sql) =>
            lines.AddRange((await db.QueryAsync(sql)).Select(r => what + " " + string.Join(" ", r.Select(v => v?.ToString() ?? "null"))));
        await Add("schema", "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema') ORDER BY 1");
        await Add("view", "SELECT table_schema, table_name FROM information_schema.views WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2");
        await Add("function", """
            SELECT n.nspname, p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' ORDER BY 1, 2
            """);
        await Add("trigger", "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2");
        await Add("column", """
            SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute
             WHERE attrelid = 'public.accounts'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum
            """);
        await Add("index", "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'public.accounts'::regclass ORDER BY 1");
        foreach (var table in (await db.QueryAsync("""
                     SELECT table_schema || '.' || table_name FROM information_schema.tables
                      WHERE table_name LIKE 'retort\_%' AND table_name <> 'retort_history' ORDER BY 1
                     """)).Select(r => (string)r[0]!))
            await Add("rows-of " + table, $"SELECT count(*) FROM {table}");
        if ((await db.QueryAsync("SELECT to_regclass('retort_version') IS NOT NULL"))[0][0] is true)
            await Add("version", "SELECT version_num FROM retort_version ORDER BY 1");
        return string.Join("\n", lines);
    }
}

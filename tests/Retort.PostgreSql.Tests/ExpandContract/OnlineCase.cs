using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>
/// One online operation and how the application of each version uses the table: the SQL the old application (search_path
/// <c>public_r1, public</c>) and the new one (<c>public_r2, public</c>) write and read a row with, and what each reads
/// back for a row, given the number it was written with and which version wrote it last.
/// </summary>
/// <param name="Name">The case.</param>
/// <param name="Online">The online operation, r2's upgrade.</param>
/// <param name="OldInsert">The old application's insert of a row (tag, number).</param>
/// <param name="NewInsert">The new application's insert.</param>
/// <param name="OldUpdate">The old application's update of a row to a number.</param>
/// <param name="NewUpdate">The new application's update.</param>
/// <param name="OldRead">The old application's read of a row, as one text.</param>
/// <param name="NewRead">The new application's read.</param>
/// <param name="Expected">What a read of a row returns (null: SQL NULL), by the new version or not.</param>
public sealed record OnlineCase(string Name, Action<Op> Online,
    Func<string, int, string> OldInsert, Func<string, int, string> NewInsert,
    Func<string, int, string> OldUpdate, Func<string, int, string> NewUpdate,
    Func<string, string> OldRead, Func<string, string> NewRead,
    Func<RowState, bool, string?> Expected)
{
    /// <summary>r1 makes the table (accounts: id, tag, amount integer NOT NULL, name, note) with 50 rows.</summary>
    public const string Setup = """
        CREATE TABLE accounts (id serial PRIMARY KEY, tag text NOT NULL UNIQUE, amount integer NOT NULL DEFAULT 0, name text, note text NOT NULL);
        INSERT INTO accounts (tag, amount, name, note) SELECT 's' || g, g, CASE WHEN g % 2 = 0 THEN 'f' || g || ' l' || g END, 'n' || g FROM generate_series(1, 50) g;
        """;

    /// <summary>Rows r1 leaves: tag s1..s50, amount = number.</summary>
    public static IEnumerable<(string Tag, int Number)> SetupRows => Enumerable.Range(1, 50).Select(g => ($"s{g}", g));

    /// <summary>r1 (the table) and r2 (the online operation).</summary>
    public RevisionSet Revisions() => new(
    [
        new Revision(RevisionInfo.Create("r1", null, "accounts"), new InlineScript(op => op.Execute(Setup), op => op.Execute("DROP TABLE accounts"))),
        new Revision(RevisionInfo.Create("r2", "r1", Name), new InlineScript(Online)),
    ]);

    /// <summary>The table's name in the new shape.</summary>
    public string NewTable => Name == "rename table" ? "ledger" : "accounts";

    /// <inheritdoc />
    public override string ToString() => Name;

    private static string Number(string column) => $"SELECT {column}::text FROM accounts WHERE tag = ";

    /// <summary>Every case.</summary>
    public static IReadOnlyDictionary<string, OnlineCase> All { get; } = new OnlineCase[]
    {
        new("rename column", op => op.Online.RenameColumn("accounts", "amount", "balance"),
            (t, n) => $"INSERT INTO accounts (tag, amount, note) VALUES ('{t}', {n}, 'x')",
            (t, n) => $"INSERT INTO accounts (tag, balance, note) VALUES ('{t}', {n}, 'x')",
            (t, n) => $"UPDATE accounts SET amount = {n} WHERE tag = '{t}'",
            (t, n) => $"UPDATE accounts SET balance = {n} WHERE tag = '{t}'",
            t => Number("amount") + $"'{t}'", t => Number("balance") + $"'{t}'",
            (r, _) => r.Number.ToString()),
        new("change type", op => op.Online.AlterColumnType("accounts", "amount", SqlType.BigInteger, existingType: SqlType.Integer),
            (t, n) => $"INSERT INTO accounts (tag, amount, note) VALUES ('{t}', {n}, 'x')",
            (t, n) => $"INSERT INTO accounts (tag, amount, note) VALUES ('{t}', {n}, 'x')",
            (t, n) => $"UPDATE accounts SET amount = {n} WHERE tag = '{t}'",
            (t, n) => $"UPDATE accounts SET amount = {n} WHERE tag = '{t}'",
            t => $"SELECT amount::text || ':' || pg_typeof(amount) FROM accounts WHERE tag = '{t}'",
            t => $"SELECT amount::text || ':' || pg_typeof(amount) FROM accounts WHERE tag = '{t}'",
            (r, readNew) => $"{r.Number}:{(readNew ? "bigint" : "integer")}"),
        new("change type with expressions", op => op.Online.AlterColumnType("accounts", "amount", SqlType.Text, up: "'#' || amount", down: "substr(amount, 2)::integer"),
            (t, n) => $"INSERT INTO accounts (tag, amount, note) VALUES ('{t}', {n}, 'x')",
            (t, n) => $"INSERT INTO accounts (tag, amount, note) VALUES ('{t}', '#{n}', 'x')",
            (t, n) => $"UPDATE accounts SET amount = {n} WHERE tag = '{t}'",
            (t, n) => $"UPDATE accounts SET amount = '#{n}' WHERE tag = '{t}'",
            t => Number("amount") + $"'{t}'", t => Number("amount") + $"'{t}'",
            (r, readNew) => readNew ? $"#{r.Number}" : r.Number.ToString()),
        new("rename table", op => op.Online.RenameTable("accounts", "ledger"),
            (t, n) => $"INSERT INTO accounts (tag, amount, note) VALUES ('{t}', {n}, 'x')",
            (t, n) => $"INSERT INTO ledger (tag, amount, note) VALUES ('{t}', {n}, 'x')",
            (t, n) => $"UPDATE accounts SET amount = {n} WHERE tag = '{t}'",
            (t, n) => $"UPDATE ledger SET amount = {n} WHERE tag = '{t}'",
            t => Number("amount") + $"'{t}'", t => $"SELECT amount::text FROM ledger WHERE tag = '{t}'",
            (r, _) => r.Number.ToString()),
        new("set not null", op => op.Online.SetNotNull("accounts", "name", "'anonymous'"),
            // The old application still writes NULLs (for odd numbers); the new one never sees one.
            (t, n) => $"INSERT INTO accounts (tag, amount, name, note) VALUES ('{t}', {n}, {(n % 2 == 0 ? $"'f{n} l{n}'" : "NULL")}, 'x')",
            (t, n) => $"INSERT INTO accounts (tag, amount, name, note) VALUES ('{t}', {n}, {(n % 2 == 0 ? $"'f{n} l{n}'" : "'anonymous'")}, 'x')",
            (t, n) => $"UPDATE accounts SET amount = {n}, name = {(n % 2 == 0 ? $"'f{n} l{n}'" : "NULL")} WHERE tag = '{t}'",
            (t, n) => $"UPDATE accounts SET amount = {n}, name = {(n % 2 == 0 ? $"'f{n} l{n}'" : "'anonymous'")} WHERE tag = '{t}'",
            t => $"SELECT amount || '/' || coalesce(name, '(null)') FROM accounts WHERE tag = '{t}'",
            t => $"SELECT amount || '/' || coalesce(name, '(null)') FROM accounts WHERE tag = '{t}'",
            (r, readNew) => $"{r.Number}/" + (r.Number % 2 == 0 ? $"f{r.Number} l{r.Number}" : r.LastByNew || readNew ? "anonymous" : "(null)")),
        new("drop column", op => op.Online.DropColumn("accounts", "note", down: "'from new'"),
            (t, n) => $"INSERT INTO accounts (tag, amount, note) VALUES ('{t}', {n}, 'n{n}')",
            (t, n) => $"INSERT INTO accounts (tag, amount) VALUES ('{t}', {n})",
            (t, n) => $"UPDATE accounts SET amount = {n} WHERE tag = '{t}'",
            (t, n) => $"UPDATE accounts SET amount = {n} WHERE tag = '{t}'",
            t => $"SELECT amount || '/' || note FROM accounts WHERE tag = '{t}'",
            t => $"SELECT amount || '/' || (SELECT count(*) FROM information_schema.columns WHERE table_schema = (current_schemas(false))[1] AND table_name = 'accounts' AND column_name = 'note') FROM accounts WHERE tag = '{t}'",
            // A row the new version inserted holds the down value; one it only updated keeps its note.
            (r, readNew) => readNew ? $"{r.Number}/0" : $"{r.Number}/" + (r.InsertedByNew ? "from new" : $"n{r.Inserted}")),
        new("split column", op => op.Online.SplitColumn("accounts", "name",
                [new OnlineColumn(new Column("first_name", SqlType.Text), "split_part(name, ' ', 1)"), new OnlineColumn(new Column("last_name", SqlType.Text), "split_part(name, ' ', 2)")],
                down: "first_name || ' ' || last_name"),
            // Odd numbers have no name (NULL in both shapes).
            (t, n) => $"INSERT INTO accounts (tag, amount, name, note) VALUES ('{t}', {n}, {(n % 2 == 0 ? $"'f{n} l{n}'" : "NULL")}, 'x')",
            (t, n) => $"INSERT INTO accounts (tag, amount, first_name, last_name, note) VALUES ('{t}', {n}, {(n % 2 == 0 ? $"'f{n}', 'l{n}'" : "NULL, NULL")}, 'x')",
            (t, n) => $"UPDATE accounts SET amount = {n}, name = {(n % 2 == 0 ? $"'f{n} l{n}'" : "NULL")} WHERE tag = '{t}'",
            (t, n) => $"UPDATE accounts SET amount = {n}, first_name = {(n % 2 == 0 ? $"'f{n}'" : "NULL")}, last_name = {(n % 2 == 0 ? $"'l{n}'" : "NULL")} WHERE tag = '{t}'",
            t => $"SELECT amount || '/' || name FROM accounts WHERE tag = '{t}'",
            t => $"SELECT amount || '/' || first_name || '|' || last_name FROM accounts WHERE tag = '{t}'",
            (r, readNew) => r.Number % 2 == 1 ? null : readNew ? $"{r.Number}/f{r.Number}|l{r.Number}" : $"{r.Number}/f{r.Number} l{r.Number}"),
        new("merge columns", op => op.Online.MergeColumns("accounts", ["amount", "note"], new Column("summary", SqlType.Text), "amount || ':' || note",
                new Dictionary<string, string> { ["amount"] = "split_part(summary, ':', 1)::integer", ["note"] = "split_part(summary, ':', 2)" }),
            (t, n) => $"INSERT INTO accounts (tag, amount, note) VALUES ('{t}', {n}, 'n{n}')",
            (t, n) => $"INSERT INTO accounts (tag, summary) VALUES ('{t}', '{n}:n{n}')",
            (t, n) => $"UPDATE accounts SET amount = {n}, note = 'n{n}' WHERE tag = '{t}'",
            (t, n) => $"UPDATE accounts SET summary = '{n}:n{n}' WHERE tag = '{t}'",
            t => $"SELECT amount || '/' || note FROM accounts WHERE tag = '{t}'",
            t => $"SELECT summary FROM accounts WHERE tag = '{t}'",
            (r, readNew) => readNew ? $"{r.Number}:n{r.Number}" : $"{r.Number}/n{r.Number}"),
    }.ToDictionary(c => c.Name);

    /// <summary>The case names, for a theory.</summary>
    public static TheoryData<string> Names => new(All.Keys);
}

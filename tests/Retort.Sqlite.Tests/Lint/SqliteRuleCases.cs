using Retort.Operations;
using Retort.Schema;
using Retort.Specification.Lint;

namespace Retort.Sqlite.Tests.Lint;

/// <summary>What each SQLite rule (RT047–RT054) must find and must not.</summary>
public static class SqliteRuleCases
{
    /// <summary>Every case, by rule id.</summary>
    public static IReadOnlyList<RuleCase> All { get; } =
    [
        new("RT047", "accounts")
        {
            Operation = new AlterColumnOperation("accounts", "balance") { NewType = SqlType.BigInteger, ExistingType = SqlType.Integer },
            SafeOperation = new AddColumnOperation("accounts", new Column("tier", SqlType.Integer)),
        },
        new("RT048", "foreign_keys")
        {
            Sql = "PRAGMA foreign_keys = OFF",
            SafeOperation = new ExecuteSqlOperation("PRAGMA foreign_keys = OFF") { OutsideTransaction = true },
            FindsOnNewTables = true,
        },
        new("RT049", "journal_mode")
        {
            Sql = "PRAGMA journal_mode = WAL",
            SafeOperation = new ExecuteSqlOperation("PRAGMA journal_mode = WAL") { OutsideTransaction = true },
            FindsOnNewTables = true,
        },
        new("RT050", "VACUUM")
        {
            Sql = "VACUUM",
            SafeOperation = new ExecuteSqlOperation("VACUUM") { OutsideTransaction = true },
            FindsOnNewTables = true,
        },
        new("RT051", "accounts")
        {
            Operation = new CreateIndexOperation("accounts", new TableIndex("accounts_balance_idx", "balance")),
            Sql = "CREATE INDEX accounts_balance_idx ON accounts (balance)",
            SafeSql = "CREATE TABLE events (id integer);\nCREATE INDEX events_id ON events (id)",
        },
        new("RT052", "writable_schema") { Sql = "PRAGMA writable_schema = ON", SafeSql = "PRAGMA writable_schema", FindsOnNewTables = true },
        new("RT053", "accounts")
        {
            Sql = "ALTER TABLE accounts ADD COLUMN created_at text DEFAULT CURRENT_TIMESTAMP",
            SafeSql = "ALTER TABLE accounts ADD COLUMN created_at text DEFAULT '2020-01-01';\nALTER TABLE accounts ADD COLUMN tier integer NOT NULL DEFAULT 0",
            // SQLite refuses the statement whether or not the table holds rows.
            FindsOnNewTables = true,
        },
        new("RT054", "accounts")
        {
            Sql = "CREATE TABLE accounts_new (id integer PRIMARY KEY, email text);\nINSERT INTO accounts_new SELECT id, email FROM accounts;\n" +
                "DROP TABLE accounts;\nALTER TABLE accounts_new RENAME TO accounts",
            SafeSql = "ALTER TABLE accounts RENAME TO accounts_old",
        },
    ];
}

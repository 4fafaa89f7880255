using Retort.Operations;
using Retort.Schema;

namespace Retort.Specification.Lint;

/// <summary>The cases of the rules every database shares (RT001–RT010), run by each dialect's rule tests.</summary>
public static class CommonRuleCases
{
    /// <summary>Every case, by rule id.</summary>
    public static IReadOnlyList<RuleCase> All { get; } =
    [
        new("RT001", "accounts")
        {
            Operation = new DropColumnOperation("accounts", "legacy_code"),
            Sql = "ALTER TABLE accounts DROP COLUMN legacy_code",
            SafeSql = "ALTER TABLE accounts DROP CONSTRAINT accounts_legacy_ck",
        },
        new("RT002", "accounts")
        {
            Operation = new AlterColumnOperation("accounts", "email") { NewName = "email_address" },
            Sql = "ALTER TABLE accounts RENAME COLUMN email TO email_address",
            SafeSql = "ALTER TABLE accounts ADD COLUMN email_address text",
            SafeOperation = new AlterColumnOperation("accounts", "email") { NewComment = "the login" },
        },
        new("RT003", "accounts")
        {
            Operation = new RenameTableOperation("accounts", "customer_accounts"),
            Sql = "ALTER TABLE accounts RENAME TO customer_accounts",
            SafeSql = "CREATE VIEW customer_accounts AS SELECT * FROM accounts",
        },
        new("RT004", "accounts")
        {
            Operation = new DropTableOperation("accounts"),
            Sql = "DROP TABLE accounts",
            SafeSql = "DROP VIEW accounts_summary",
        },
        new("RT005", "accounts")
        {
            Operation = new AddColumnOperation("accounts", new Column("tier", SqlType.Integer, nullable: false)),
            Sql = "ALTER TABLE accounts ADD COLUMN tier integer NOT NULL",
            SafeSql = "ALTER TABLE accounts ADD COLUMN tier integer NOT NULL DEFAULT 0",
            SafeOperation = new AddColumnOperation("accounts", new Column("tier", SqlType.Integer, nullable: false, serverDefault: ServerDefault.Literal(0))),
        },
        new("RT006", "accounts")
        {
            Operation = new AlterColumnOperation("accounts", "email") { NewType = SqlType.String(20), ExistingType = SqlType.String(50) },
            Sql = "ALTER TABLE accounts ALTER COLUMN email TYPE varchar(20)",
            SafeSql = "ALTER TABLE accounts ALTER COLUMN email TYPE text",
            SafeOperation = new AlterColumnOperation("accounts", "email") { NewType = SqlType.String(100), ExistingType = SqlType.String(50) },
        },
        new("RT007", "accounts")
        {
            Operation = new BackfillOperation("accounts", "tier = 0") { Atomic = true },
            Sql = "UPDATE accounts SET tier = 0",
            SafeSql = "UPDATE accounts SET tier = 0 WHERE id BETWEEN 1 AND 1000",
            SafeOperation = new BackfillOperation("accounts", "tier = 0"),
        },
        new("RT008", "accounts")
        {
            Operation = new AlterColumnOperation("accounts", "email") { NewNullable = true, ExistingNullable = false },
            Sql = "ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL",
            SafeSql = "ALTER TABLE accounts ALTER COLUMN email SET DEFAULT ''",
        },
        new("RT009", "accounts_summary")
        {
            Sql = "DROP VIEW accounts_summary CASCADE",
            SafeSql = "DROP VIEW accounts_summary",
            FindsOnNewTables = true,
        },
        new("RT010", "COMMIT")
        {
            Sql = "COMMIT",
            SafeSql = "SELECT 1",
            FindsOnNewTables = true,
        },
    ];
}

using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Specification.Lint;

namespace Retort.PostgreSql.Tests.Lint;

/// <summary>What each PostgreSQL rule (RT011–RT046) must find and must not.</summary>
public static class PostgreSqlRuleCases
{
    private static AddColumnOperation Add(Column column) => new("accounts", column);

    /// <summary>Every case, by rule id.</summary>
    public static IReadOnlyList<RuleCase> All { get; } =
    [
        new("RT011", "accounts")
        {
            Operation = new CreateIndexOperation("accounts", new TableIndex("accounts_balance_idx", "balance")) { Online = false },
            Sql = "CREATE INDEX accounts_balance_idx ON accounts (balance)",
            SafeSql = "CREATE INDEX CONCURRENTLY accounts_balance_idx ON accounts (balance)",
            // Retort's default on a table that exists before the revision: built concurrently.
            SafeOperation = new CreateIndexOperation("accounts", new TableIndex("accounts_balance_idx", "balance")),
        },
        new("RT012", "accounts")
        {
            Operation = new DropIndexOperation("accounts", "accounts_balance_idx") { Online = false },
            Sql = "DROP INDEX accounts_balance_idx",
            SafeSql = "DROP INDEX CONCURRENTLY accounts_balance_idx",
            // Retort's default on a table that exists before the revision: dropped concurrently.
            SafeOperation = new DropIndexOperation("accounts", "accounts_balance_idx"),
            // The SQL names only the index: its table is not known, so only an index the plan built is exempt.
            FindsOnNewTables = true,
        },
        new("RT013", "accounts") { Sql = "REINDEX TABLE accounts", SafeSql = "REINDEX TABLE CONCURRENTLY accounts" },
        new("RT014", "CREATE INDEX CONCURRENTLY")
        {
            Sql = "CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email)",
            SafeOperation = new ExecuteSqlOperation("CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email)") { OutsideTransaction = true },
            FindsOnNewTables = true,
        },
        new("RT015", "accounts")
        {
            Operation = new AlterColumnOperation("accounts", "balance") { NewType = SqlType.BigInteger, ExistingType = SqlType.Integer },
            Sql = "ALTER TABLE accounts ALTER COLUMN balance TYPE bigint",
            SafeOperation = new AlterColumnOperation("accounts", "email") { NewType = SqlType.String(100), ExistingType = SqlType.String(50) },
        },
        new("RT016", "accounts")
        {
            Operation = Add(new Column("token", SqlType.Guid, serverDefault: ServerDefault.Sql("gen_random_uuid()"))),
            Sql = "ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid()",
            SafeSql = "ALTER TABLE accounts ADD COLUMN created_at timestamptz DEFAULT now()",
            SafeOperation = Add(new Column("created_at", SqlType.DateTimeOffset, serverDefault: ServerDefault.Sql("now()"))),
        },
        new("RT017", "accounts")
        {
            ServerVersion = new Version(10, 0),
            Operation = Add(new Column("active", SqlType.Boolean, nullable: false, serverDefault: ServerDefault.Literal(true))),
            Sql = "ALTER TABLE accounts ADD COLUMN active boolean NOT NULL DEFAULT true",
            SafeSql = "ALTER TABLE accounts ADD COLUMN active boolean",
        },
        new("RT018", "accounts") { Sql = "ALTER TABLE accounts SET TABLESPACE fast_disk", SafeSql = "ALTER TABLE accounts SET (fillfactor = 90)" },
        new("RT019", "accounts") { Sql = "VACUUM FULL accounts", SafeSql = "VACUUM (ANALYZE) accounts", OutsideTransaction = true },
        new("RT020", "accounts") { Sql = "CLUSTER accounts USING accounts_pkey", SafeSql = "ANALYZE accounts" },
        new("RT021", "accounts")
        {
            Operation = new AddConstraintOperation("accounts", new CheckConstraint("balance > 0", "accounts_balance_positive")) { Online = false },
            // Retort's default on a table that exists before the revision: the safe recipe.
            SafeOperation = new AddConstraintOperation("accounts", new CheckConstraint("balance > 0", "accounts_balance_positive")),
            Sql = "ALTER TABLE accounts ADD CONSTRAINT accounts_balance_positive CHECK (balance > 0)",
            SafeSql = "ALTER TABLE accounts ADD CONSTRAINT accounts_balance_positive CHECK (balance > 0) NOT VALID",
        },
        new("RT022", "accounts")
        {
            Operation = new AddConstraintOperation("accounts", new ForeignKeyConstraint("owner_id", "owners", "id", "accounts_owner_fk")) { Online = false },
            // Retort's default on a table that exists before the revision: the safe recipe.
            SafeOperation = new AddConstraintOperation("accounts", new ForeignKeyConstraint("owner_id", "owners", "id", "accounts_owner_fk")),
            Sql = "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id)",
            SafeSql = "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id) NOT VALID",
        },
        new("RT023", "accounts")
        {
            Operation = new AlterColumnOperation("accounts", "email") { NewNullable = false, Online = false },
            // Retort's default on a table that exists before the revision: the safe recipe.
            SafeOperation = new AlterColumnOperation("accounts", "email") { NewNullable = false },
            Sql = "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL",
            SafeSql = "ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL) NOT VALID;\n" +
                "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_nn;\nALTER TABLE accounts ALTER COLUMN email SET NOT NULL",
        },
        new("RT024", "accounts")
        {
            Operation = new AddConstraintOperation("accounts", new UniqueConstraint("email") { Name = "accounts_email_key" }) { Online = false },
            // Retort's default on a table that exists before the revision: the safe recipe.
            SafeOperation = new AddConstraintOperation("accounts", new UniqueConstraint("email") { Name = "accounts_email_key" }),
            Sql = "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email)",
            SafeSql = "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE USING INDEX accounts_email_key",
        },
        new("RT025", "events")
        {
            Operation = new AddConstraintOperation("events", new PrimaryKeyConstraint("id") { Name = "events_pkey" }) { Online = false },
            // Retort's default on a table that exists before the revision: the safe recipe.
            SafeOperation = new AddConstraintOperation("events", new PrimaryKeyConstraint("id") { Name = "events_pkey" }),
            Sql = "ALTER TABLE events ADD PRIMARY KEY (id)",
            SafeSql = "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey",
        },
        new("RT026", "accounts")
        {
            Sql = "ALTER TABLE accounts ADD CONSTRAINT accounts_balance_positive CHECK (balance > 0) NOT VALID;\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_balance_positive",
            SafeSql = "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_balance_positive",
        },
        new("RT027", "accounts")
        {
            Operation = Add(new Column("seq", new CustomType("serial"))),
            Sql = "CREATE TABLE accounts (id serial PRIMARY KEY, email text)",
            SafeSql = "CREATE TABLE accounts (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, email text)",
            FindsOnNewTables = true,
        },
        new("RT028", "accounts")
        {
            Operation = Add(new Column("seq", SqlType.BigInteger) { Identity = true }),
            Sql = "ALTER TABLE accounts ADD COLUMN seq bigserial",
            SafeSql = "ALTER TABLE accounts ADD COLUMN seq bigint",
        },
        new("RT029", "accounts")
        {
            Operation = new CreateTableOperation(new Table("accounts", new Column("id", SqlType.Integer, primaryKey: true))),
            Sql = "CREATE TABLE accounts (id integer, email text, PRIMARY KEY (id))",
            SafeSql = "CREATE TABLE accounts (id bigint PRIMARY KEY, email text)",
            SafeOperation = new CreateTableOperation(new Table("accounts", new Column("id", SqlType.BigInteger, primaryKey: true))),
            FindsOnNewTables = true,
        },
        new("RT030", "accounts")
        {
            Operation = Add(new Column("created_at", SqlType.DateTime)),
            Sql = "ALTER TABLE accounts ADD COLUMN created_at timestamp",
            SafeSql = "ALTER TABLE accounts ADD COLUMN created_at timestamp with time zone",
            SafeOperation = Add(new Column("created_at", SqlType.DateTimeOffset)),
            FindsOnNewTables = true,
        },
        new("RT031", "accounts")
        {
            Operation = Add(new Column("settings", new CustomType("json"))),
            Sql = "ALTER TABLE accounts ADD COLUMN settings json",
            SafeSql = "ALTER TABLE accounts ADD COLUMN settings jsonb;\nCREATE TABLE documents (json jsonb)",
            SafeOperation = Add(new Column("settings", SqlType.Json)),
            FindsOnNewTables = true,
        },
        new("RT032", "accounts")
        {
            Operation = Add(new Column("country", new CustomType("char(2)"))),
            Sql = "ALTER TABLE accounts ADD COLUMN country char(2)",
            SafeSql = "ALTER TABLE accounts ADD COLUMN country character varying(2)",
            FindsOnNewTables = true,
        },
        new("RT033", "accounts")
        {
            Operation = Add(new Column("code", SqlType.String(20))),
            Sql = "ALTER TABLE accounts ADD COLUMN code varchar(20)",
            SafeSql = "ALTER TABLE accounts ADD COLUMN code text",
            SafeOperation = Add(new Column("code", SqlType.Text)),
            FindsOnNewTables = true,
        },
        new("RT034", "app_old") { Sql = "DROP DATABASE app_old", SafeSql = "SELECT 1", FindsOnNewTables = true },
        new("RT035", "account_state")
        {
            ServerVersion = new Version(11, 0),
            Sql = "ALTER TYPE account_state ADD VALUE 'frozen'",
            SafeOperation = new ExecuteSqlOperation("ALTER TYPE account_state ADD VALUE 'frozen'") { OutsideTransaction = true },
            FindsOnNewTables = true,
        },
        new("RT036", "accounts")
        {
            Operation = new CreateIndexOperation("accounts", new TableIndex("accounts_wide_idx", "a", "b", "c", "d")),
            Sql = "CREATE INDEX accounts_wide_idx ON accounts (a, b, c, d)",
            SafeSql = "CREATE INDEX accounts_ab_idx ON accounts (a, b) INCLUDE (c, d)",
            FindsOnNewTables = true,
        },
        new("RT037", "account_state")
        {
            Operation = new DropEnumTypeOperation("account_state"),
            Sql = "DROP TYPE account_state",
            SafeSql = "CREATE TYPE account_state AS ENUM ('open', 'closed');\nDROP TYPE account_state",
            FindsOnNewTables = true,
        },
        new("RT038", "accounts")
        {
            Sql = "ALTER TABLE accounts ADD COLUMN tier integer;\nUPDATE accounts SET tier = 1",
            SafeSql = "UPDATE accounts SET tier = 1 WHERE id < 100;\nALTER TABLE accounts ADD COLUMN tier integer;\nINSERT INTO tiers (id) VALUES (1)",
        },
        new("RT039", "accounts")
        {
            Sql = "ALTER TABLE accounts ADD COLUMN tier integer",
            SafeSql = "SET lock_timeout = '1s';\nALTER TABLE accounts ADD COLUMN tier integer",
        },
        new("RT040", "accounts") { Sql = "TRUNCATE accounts", SafeSql = "DELETE FROM accounts WHERE id < 100" },
        new("RT041", "owners") { Sql = "TRUNCATE owners CASCADE", SafeSql = "TRUNCATE owners, accounts", FindsOnNewTables = true },
        new("RT042", "accounts") { Sql = "ALTER TABLE accounts SET UNLOGGED", SafeSql = "CREATE UNLOGGED TABLE import_rows (id int)" },
        new("RT043", "account_totals") { Sql = "REFRESH MATERIALIZED VIEW account_totals", SafeSql = "REFRESH MATERIALIZED VIEW CONCURRENTLY account_totals" },
        new("RT044", "accounts") { Sql = "LOCK TABLE accounts", SafeSql = "SET LOCAL lock_timeout = '1s'" },
        new("RT045", "accounts")
        {
            Sql = "ALTER TABLE accounts ADD CONSTRAINT accounts_no_overlap EXCLUDE USING gist (active_during WITH &&)",
            SafeSql = "CREATE TABLE bookings (room int, during tstzrange, EXCLUDE USING gist (during WITH &&))",
        },
        new("RT046", "positive_amount")
        {
            Sql = "ALTER DOMAIN positive_amount ADD CONSTRAINT positive CHECK (VALUE > 0)",
            SafeSql = "ALTER DOMAIN positive_amount ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;\n" +
                "CREATE DOMAIN small_amount AS integer;\nALTER DOMAIN small_amount ADD CONSTRAINT small CHECK (VALUE < 10)",
            FindsOnNewTables = true,
        },
        new("RT055", "accounts")
        {
            Sql = "CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email)",
            OutsideTransaction = true,
            SafeOperation = new ExecuteSqlOperation("CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_idx ON accounts (email);\nDROP INDEX CONCURRENTLY IF EXISTS accounts_old_idx") { OutsideTransaction = true },
            // Running twice fails whether or not the table held rows.
            FindsOnNewTables = true,
        },
    ];
}

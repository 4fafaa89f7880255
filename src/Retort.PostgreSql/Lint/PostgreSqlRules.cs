using Retort.Lint;

namespace Retort.PostgreSql.Lint;

/// <summary>
/// The catalogue of PostgreSQL's rules (<c>RT011</c>–<c>RT046</c> and <c>RT055</c>): what lock each statement takes (as
/// <c>pg_locks.mode</c> names it) and on what, whether it rewrites or scans the table, why that hurts and the safe
/// way. Every rule with a lock has an <see cref="LintRule.Example"/> that the tests run on a real server, comparing
/// the locks held and the table's relation file before and after with the claim.
/// </summary>
public static class PostgreSqlRules
{
    private const string Dialect = "postgresql";

    /// <summary>The table every example works on: 100 rows with an id, an email, a balance and a note.</summary>
    public const string AccountsSetup =
        "CREATE TABLE accounts (id integer PRIMARY KEY, email varchar(50), balance integer, note text);\n" +
        "INSERT INTO accounts SELECT g, 'user' || g || '@example.com', g, NULL FROM generate_series(1, 100) g;";

    private const string OwnersSetup = AccountsSetup + "\n" +
        "CREATE TABLE owners (id integer PRIMARY KEY);\nINSERT INTO owners SELECT g FROM generate_series(1, 10) g;\n" +
        "ALTER TABLE accounts ADD COLUMN owner_id integer;\nUPDATE accounts SET owner_id = 1 + id % 10;";

    private const string Advice = "Advice about a type or a design; it says nothing about a lock.";

    /// <summary>RT011.</summary>
    public static LintRule IndexWithoutConcurrently { get; } = new("RT011", "index built without CONCURRENTLY on an existing table", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "ShareLock", LockTarget = "the table", Scans = true,
        Why = "CREATE INDEX holds a SHARE lock for the whole build: reads go on, but every INSERT, UPDATE and DELETE on the table waits until the index is built (seconds to minutes on a large table).",
        SafeAlternative = "Build it with CONCURRENTLY (outside the transaction; Retort drops an INVALID leftover and re-runs it after a crash).",
        SafeExample = "op.CreateIndex(\"accounts_balance_idx\", \"accounts\", [\"balance\"], concurrently: true);\n// SQL: CREATE INDEX CONCURRENTLY accounts_balance_idx ON accounts (balance);",
        Example = new(AccountsSetup, "CREATE INDEX accounts_balance_idx ON accounts (balance)", "accounts"),
    };

    /// <summary>RT012.</summary>
    public static LintRule DropIndexWithoutConcurrently { get; } = new("RT012", "index dropped without CONCURRENTLY", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table and the index",
        Why = "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table; while it waits for running queries to finish, every new query on the table queues behind it.",
        SafeAlternative = "Drop it with DROP INDEX CONCURRENTLY, outside the transaction.",
        SafeExample = "op.DropIndex(\"accounts_balance_idx\", \"accounts\", concurrently: true);\n// SQL: DROP INDEX CONCURRENTLY accounts_balance_idx;",
        Example = new(AccountsSetup + "\nCREATE INDEX accounts_balance_idx ON accounts (balance);", "DROP INDEX accounts_balance_idx", "accounts"),
    };

    /// <summary>RT013.</summary>
    public static LintRule ReindexWithoutConcurrently { get; } = new("RT013", "REINDEX without CONCURRENTLY", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "ShareLock", LockTarget = "the table (and ACCESS EXCLUSIVE on each index rebuilt)", Scans = true,
        Why = "REINDEX blocks every write to the table while it rebuilds, and queries that would use the index being rebuilt wait too.",
        SafeAlternative = "Use REINDEX … CONCURRENTLY (PostgreSQL 12 and later), outside the transaction.",
        SafeExample = "-- retort:no-transaction\nREINDEX INDEX CONCURRENTLY accounts_balance_idx;",
        Example = new(AccountsSetup, "REINDEX TABLE accounts", "accounts"),
    };

    /// <summary>RT014.</summary>
    public static LintRule OutsideTransactionOnly { get; } = new("RT014", "statement that cannot run in a transaction, inside one", LintSeverity.Error)
    {
        Dialect = Dialect,
        NoLockReason = "PostgreSQL refuses the statement inside a transaction block, before taking any lock.",
        Why = "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, VACUUM, CREATE DATABASE and the like fail with \"cannot run inside a transaction block\", and the revision stops.",
        SafeAlternative = "Run the statement outside the revision's transaction.",
        SafeExample = "op.Execute(\"CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email)\", outsideTransaction: true);\n// a SQL revision: -- retort:no-transaction",
    };

    /// <summary>RT015.</summary>
    public static LintRule TypeChangeRewrite { get; } = new("RT015", "column type change that rewrites the table", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Rewrites = true, Scans = true,
        Why = "A type change that is not binary-coercible (integer to bigint, text to integer, any USING) rewrites every row and rebuilds every index under ACCESS EXCLUSIVE: neither reads nor writes run until it ends. varchar(n) to varchar(m >= n) or to text does not rewrite.",
        SafeAlternative = "Change it online (op.Online.AlterColumnType, or a SQL revision's `-- retort:online` line): a column of the new type kept in step by triggers and backfilled in batches, each application version reading its type through a schema of views, and `retort complete` swapping the columns in a short step (see docs/expand-contract.md); or a copy-and-swap backfill of the table.",
        SafeExample = "op.Online.AlterColumnType(\"accounts\", \"balance\", SqlType.BigInteger, existingType: SqlType.Integer);\n// after the deploy: retort complete",
        Example = new(AccountsSetup, "ALTER TABLE accounts ALTER COLUMN balance TYPE bigint", "accounts"),
    };

    /// <summary>RT016.</summary>
    public static LintRule VolatileDefault { get; } = new("RT016", "column added with a volatile default", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Rewrites = true, Scans = true,
        Why = "A default that must be computed per row (random(), clock_timestamp(), gen_random_uuid(), nextval()) is written into every existing row: the table is rewritten under ACCESS EXCLUSIVE. A constant or now() is stored once and costs nothing.",
        SafeAlternative = "Add the column without a default (or with a constant one), set the volatile default for new rows only, and backfill existing rows in batches.",
        SafeExample = "ALTER TABLE accounts ADD COLUMN token uuid;\nALTER TABLE accounts ALTER COLUMN token SET DEFAULT gen_random_uuid();\n-- then: op.Backfill(\"accounts\", \"token = gen_random_uuid()\", where: \"token IS NULL\");",
        Example = new(AccountsSetup, "ALTER TABLE accounts ADD COLUMN token double precision DEFAULT random()", "accounts"),
    };

    /// <summary>RT017.</summary>
    public static LintRule DefaultBeforeVersion11 { get; } = new("RT017", "column added with a default before PostgreSQL 11", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Rewrites = true, Scans = true, GoneInVersion = new Version(11, 0),
        Why = "Before PostgreSQL 11, ADD COLUMN … DEFAULT writes the default into every row: the table is rewritten under ACCESS EXCLUSIVE. From 11 on a constant default is stored once.",
        SafeAlternative = "On PostgreSQL 10 and older, add the column without a default, set the default, and backfill existing rows in batches.",
        SafeExample = "ALTER TABLE accounts ADD COLUMN active boolean;\nALTER TABLE accounts ALTER COLUMN active SET DEFAULT true;\n-- then a batched backfill",
        Example = new(AccountsSetup, "ALTER TABLE accounts ADD COLUMN active boolean NOT NULL DEFAULT true", "accounts"),
    };

    /// <summary>The tablespace <see cref="SetTablespace"/>'s example moves the table to (made by whoever runs the example).</summary>
    public const string ExampleTablespace = "retort_lint_space";

    /// <summary>RT018.</summary>
    public static LintRule SetTablespace { get; } = new("RT018", "table moved to another tablespace", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Rewrites = true,
        Why = "SET TABLESPACE copies the whole table (and ALTER INDEX … SET TABLESPACE the index) under ACCESS EXCLUSIVE: nothing reads or writes it until the copy ends.",
        SafeAlternative = "Move large tables with a copy tool that works online (pg_repack --tablespace), or in a maintenance window.",
        SafeExample = "pg_repack --table=accounts --tablespace=fast_disk app",
        Example = new($"-- needs a tablespace named {ExampleTablespace} (the rule tests make one)\n" + AccountsSetup, $"ALTER TABLE accounts SET TABLESPACE {ExampleTablespace}", "accounts"),
    };

    /// <summary>RT019.</summary>
    public static LintRule VacuumFull { get; } = new("RT019", "VACUUM FULL", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Rewrites = true, Scans = true,
        Why = "VACUUM FULL writes a compacted copy of the table under ACCESS EXCLUSIVE: nothing reads or writes it until it ends, and it needs room for a second copy.",
        SafeAlternative = "Let plain VACUUM (autovacuum) reclaim space for reuse, or compact online with pg_repack.",
        SafeExample = "-- retort:no-transaction\nVACUUM (ANALYZE) accounts;",
        Example = new(AccountsSetup, "VACUUM FULL accounts", "accounts"),
    };

    /// <summary>RT020.</summary>
    public static LintRule Cluster { get; } = new("RT020", "CLUSTER", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Rewrites = true, Scans = true,
        Why = "CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE: nothing reads or writes it until it ends.",
        SafeAlternative = "Reorder online with pg_repack --order-by, or rely on an index instead of physical order.",
        SafeExample = "pg_repack --table=accounts --order-by=id app",
        Example = new(AccountsSetup, "CLUSTER accounts USING accounts_pkey", "accounts"),
    };

    /// <summary>RT021.</summary>
    public static LintRule CheckWithoutNotValid { get; } = new("RT021", "CHECK constraint added without NOT VALID", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Scans = true,
        Why = "Adding a CHECK reads every row to validate it while holding ACCESS EXCLUSIVE: neither reads nor writes run until the scan ends.",
        SafeAlternative = "Add it NOT VALID (instant; new rows are checked), then VALIDATE CONSTRAINT in a later transaction, which scans under SHARE UPDATE EXCLUSIVE and blocks nobody.",
        SafeExample = "ALTER TABLE accounts ADD CONSTRAINT accounts_balance_positive CHECK (balance > 0) NOT VALID;\n-- a later transaction:\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_balance_positive;",
        Example = new(AccountsSetup, "ALTER TABLE accounts ADD CONSTRAINT accounts_balance_positive CHECK (balance > 0)", "accounts"),
    };

    /// <summary>RT022.</summary>
    public static LintRule ForeignKeyWithoutNotValid { get; } = new("RT022", "foreign key added without NOT VALID", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "ShareRowExclusiveLock", LockTarget = "the table and the referenced table", Scans = true,
        Why = "Adding a foreign key checks every existing row against the referenced table while holding SHARE ROW EXCLUSIVE on both: every write to either table waits until the check ends.",
        SafeAlternative = "Add it NOT VALID (new rows are checked), then VALIDATE CONSTRAINT in a later transaction, which takes only SHARE UPDATE EXCLUSIVE.",
        SafeExample = "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id) NOT VALID;\n-- a later transaction:\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_owner_fk;",
        Example = new(OwnersSetup, "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id)", "accounts"),
    };

    /// <summary>RT023.</summary>
    public static LintRule SetNotNull { get; } = new("RT023", "SET NOT NULL without a validated CHECK", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Scans = true,
        Why = "SET NOT NULL reads every row to prove there is no NULL while holding ACCESS EXCLUSIVE, unless a validated CHECK (col IS NOT NULL) already proves it.",
        SafeAlternative = "Add CHECK (col IS NOT NULL) NOT VALID, validate it in a later transaction, then SET NOT NULL (no scan: PostgreSQL 12 and later use the CHECK) and drop the CHECK.",
        SafeExample = "ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_nn; -- later transaction\nALTER TABLE accounts ALTER COLUMN email SET NOT NULL;\nALTER TABLE accounts DROP CONSTRAINT accounts_email_nn;",
        Example = new(AccountsSetup, "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL", "accounts"),
    };

    /// <summary>RT024.</summary>
    public static LintRule UniqueWithoutIndex { get; } = new("RT024", "UNIQUE constraint added without USING INDEX", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Scans = true,
        Why = "ADD UNIQUE builds its index while holding ACCESS EXCLUSIVE: neither reads nor writes run for the whole build.",
        SafeAlternative = "Build a unique index CONCURRENTLY, then attach it with ADD CONSTRAINT … UNIQUE USING INDEX (instant).",
        SafeExample = "CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts (email); -- outside the transaction\nALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE USING INDEX accounts_email_key;",
        Example = new(AccountsSetup, "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email)", "accounts"),
    };

    /// <summary>RT025.</summary>
    public static LintRule PrimaryKeyWithoutIndex { get; } = new("RT025", "primary key added to an existing table without USING INDEX", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Scans = true,
        Why = "ADD PRIMARY KEY builds its unique index (and proves the columns NOT NULL) while holding ACCESS EXCLUSIVE: neither reads nor writes run until it ends.",
        SafeAlternative = "Make the columns NOT NULL the safe way, build a unique index CONCURRENTLY, then ADD CONSTRAINT … PRIMARY KEY USING INDEX.",
        SafeExample = "CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id); -- outside the transaction\nALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;",
        Example = new("CREATE TABLE events (id integer NOT NULL, kind text);\nINSERT INTO events SELECT g, 'k' FROM generate_series(1, 100) g;", "ALTER TABLE events ADD PRIMARY KEY (id)", "events"),
    };

    /// <summary>RT026.</summary>
    public static LintRule ValidateInSameTransaction { get; } = new("RT026", "constraint validated in the transaction that added it NOT VALID", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Scans = true,
        Why = "ADD … NOT VALID takes ACCESS EXCLUSIVE (briefly when alone); VALIDATE in the same transaction scans the table while that lock is still held, so nothing is gained over adding it valid.",
        SafeAlternative = "Validate in a later revision, or a step outside the revision's transaction, so the scan runs under SHARE UPDATE EXCLUSIVE only.",
        SafeExample = "-- revision 1\nALTER TABLE accounts ADD CONSTRAINT accounts_balance_positive CHECK (balance > 0) NOT VALID;\n-- revision 2\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_balance_positive;",
        Example = new(AccountsSetup, "ALTER TABLE accounts ADD CONSTRAINT accounts_balance_positive CHECK (balance > 0) NOT VALID;\nALTER TABLE accounts VALIDATE CONSTRAINT accounts_balance_positive", "accounts"),
    };

    /// <summary>RT027.</summary>
    public static LintRule PreferIdentity { get; } = new("RT027", "serial column instead of identity", LintSeverity.Note)
    {
        Dialect = Dialect, NoLockReason = Advice,
        Why = "serial is an owned sequence plus a default: its permissions, ownership and dumps behave surprisingly, and converting it to identity later is a manual sequence dance.",
        SafeAlternative = "Use an identity column (GENERATED BY DEFAULT AS IDENTITY), which Retort writes for Column.Identity.",
        SafeExample = "new Column(\"id\", SqlType.BigInteger, primaryKey: true) { Identity = true }\n// SQL: id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    };

    /// <summary>RT028.</summary>
    public static LintRule AddSerialOrStoredColumn { get; } = new("RT028", "serial, identity or stored generated column added to an existing table", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Rewrites = true, Scans = true,
        Why = "A serial or identity column draws a value for every existing row and a STORED generated column computes one: the table is rewritten under ACCESS EXCLUSIVE.",
        SafeAlternative = "Add a plain nullable column, attach the sequence or identity for new rows, and backfill existing rows in batches; compute derived values in a view or a backfill instead of STORED.",
        SafeExample = "ALTER TABLE accounts ADD COLUMN seq bigint;\nALTER TABLE accounts ALTER COLUMN seq ADD GENERATED BY DEFAULT AS IDENTITY;\n-- then a batched backfill of seq for existing rows",
        Example = new(AccountsSetup, "ALTER TABLE accounts ADD COLUMN seq bigserial", "accounts"),
    };

    /// <summary>RT029.</summary>
    public static LintRule IntegerPrimaryKey { get; } = new("RT029", "integer primary key that will overflow", LintSeverity.Warning)
    {
        Dialect = Dialect, NoLockReason = "Advice about a type; changing it later is the rewrite of RT015.",
        Why = "An integer (or serial) key stops at 2,147,483,647; a busy table reaches it, and widening it then rewrites the table and every referencing table under ACCESS EXCLUSIVE.",
        SafeAlternative = "Use bigint (bigserial or a bigint identity) for keys from the start.",
        SafeExample = "new Column(\"id\", SqlType.BigInteger, primaryKey: true) { Identity = true }",
    };

    /// <summary>RT030.</summary>
    public static LintRule TimestampWithoutTimeZone { get; } = new("RT030", "timestamp without time zone", LintSeverity.Warning)
    {
        Dialect = Dialect, NoLockReason = Advice,
        Why = "timestamp stores a wall-clock time with no zone: values written from servers or sessions in different zones cannot be compared, and daylight-saving changes make times ambiguous.",
        SafeAlternative = "Use timestamptz (SqlType.DateTimeOffset), which stores an instant.",
        SafeExample = "new Column(\"created_at\", SqlType.DateTimeOffset)\n// SQL: created_at timestamptz",
    };

    /// <summary>RT031.</summary>
    public static LintRule JsonInsteadOfJsonb { get; } = new("RT031", "json instead of jsonb", LintSeverity.Warning)
    {
        Dialect = Dialect, NoLockReason = Advice,
        Why = "json keeps the text as written and parses it on every access; it has no equality operator (DISTINCT, GROUP BY and UNIQUE fail) and no GIN index.",
        SafeAlternative = "Use jsonb (SqlType.Json), unless key order or duplicate keys must be kept.",
        SafeExample = "new Column(\"settings\", SqlType.Json) // jsonb",
    };

    /// <summary>RT032.</summary>
    public static LintRule CharColumn { get; } = new("RT032", "char(n) column", LintSeverity.Warning)
    {
        Dialect = Dialect, NoLockReason = Advice,
        Why = "char(n) pads values with spaces, compares ignoring them and is no faster than text; the padding surprises every client.",
        SafeAlternative = "Use text (or varchar) with a CHECK on the length if one is needed.",
        SafeExample = "country text CHECK (char_length(country) = 2)",
    };

    /// <summary>RT033.</summary>
    public static LintRule VarcharLength { get; } = new("RT033", "varchar(n) where text is safer", LintSeverity.Note)
    {
        Dialect = Dialect, NoLockReason = Advice,
        Why = "A length limit is no faster than text, and a limit that proves too small must be changed later; a CHECK can be changed NOT VALID without a rewrite or a long lock.",
        SafeAlternative = "Use text, with a CHECK (char_length(col) <= n) where the limit matters.",
        SafeExample = "new Column(\"email\", SqlType.Text)\n// SQL: email text CHECK (char_length(email) <= 320)",
    };

    /// <summary>RT034.</summary>
    public static LintRule DropDatabase { get; } = new("RT034", "DROP DATABASE", LintSeverity.Error)
    {
        Dialect = Dialect, NoLockReason = "It needs every other connection gone (it fails otherwise) and cannot run in a transaction; the harm is the lost database.",
        Why = "A migration that drops a database destroys everything in it; it has no place in a revision.",
        SafeAlternative = "Drop databases by hand, outside migrations, after a backup.",
        SafeExample = "-- not in a revision: pg_dump app_old > app_old.sql && dropdb app_old",
    };

    /// <summary>RT035.</summary>
    public static LintRule EnumValueInTransaction { get; } = new("RT035", "ALTER TYPE … ADD VALUE inside a transaction before PostgreSQL 12", LintSeverity.Error)
    {
        Dialect = Dialect, GoneInVersion = new Version(12, 0),
        NoLockReason = "Before PostgreSQL 12 the server refuses the statement inside a transaction block.",
        Why = "Before PostgreSQL 12, ALTER TYPE … ADD VALUE fails inside a transaction block, and the revision stops. From 12 it runs, but the new value cannot be used until the transaction commits.",
        SafeAlternative = "Add the value with op.AddEnumValue (run outside the transaction), or a statement outside the transaction.",
        SafeExample = "op.AddEnumValue(\"account_state\", \"frozen\");\n// SQL: -- retort:no-transaction then ALTER TYPE account_state ADD VALUE 'frozen';",
    };

    /// <summary>RT036.</summary>
    public static LintRule IndexOnManyColumns { get; } = new("RT036", "index on more than three columns", LintSeverity.Note)
    {
        Dialect = Dialect, NoLockReason = Advice,
        Why = "A wide index is large and slow to maintain on every write, and queries use only its leading columns; it is rarely what the workload needs.",
        SafeAlternative = "Index the leading columns the queries filter on (and INCLUDE the rest for index-only scans).",
        SafeExample = "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id, created_at) INCLUDE (total);",
    };

    /// <summary>RT037.</summary>
    public static LintRule EnumRemoval { get; } = new("RT037", "enum type dropped or recreated (value removal)", LintSeverity.Error)
    {
        Dialect = Dialect, NoLockReason = "DROP TYPE fails while a column uses the type; the columns' change to a new type is the rewrite of RT015.",
        Why = "PostgreSQL cannot remove a value from an enum: removing one means a new type and a USING cast of every column of the old one, which rewrites those tables under ACCESS EXCLUSIVE, and the running application may still write the removed value.",
        SafeAlternative = "Keep the value and stop using it (a CHECK can forbid it for new rows), or move the column to text with a CHECK, which can change without rewrites.",
        SafeExample = "ALTER TABLE accounts ADD CONSTRAINT accounts_state_not_legacy CHECK (state <> 'legacy') NOT VALID;",
    };

    /// <summary>RT038.</summary>
    public static LintRule DdlAndDataMixed { get; } = new("RT038", "schema change and data change in one transaction", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table the schema change altered", Scans = true,
        Why = "The schema change's lock (ACCESS EXCLUSIVE for most ALTER TABLE) is held until the transaction commits, so a data change that follows it runs with the table closed to the application for its whole duration.",
        SafeAlternative = "Change the schema in one revision and the data in another (or a batched backfill, which Retort runs after the schema step commits).",
        SafeExample = "op.AddColumn(\"accounts\", new Column(\"tier\", SqlType.Integer));\nop.Backfill(\"accounts\", \"tier = 1\", where: \"tier IS NULL\"); // its own batches, after the ALTER commits",
        Example = new(AccountsSetup, "ALTER TABLE accounts ADD COLUMN tier integer;\nUPDATE accounts SET tier = 1", "accounts"),
    };

    /// <summary>RT039.</summary>
    public static LintRule NoLockTimeout { get; } = new("RT039", "lock-taking DDL in raw SQL without a lock timeout", LintSeverity.Note)
    {
        Dialect = Dialect, NoLockReason = "About waiting for the lock the statement takes (its own rule names the lock): in the lock queue, every query on the table waits behind it.",
        Why = "A DDL statement that waits for its lock behind a long query makes every later query on the table wait behind it. Retort sets lock_timeout on its own connections, but an offline script run with psql does not, and SET lock_timeout = 0 turns it off.",
        SafeAlternative = "Keep a short lock_timeout (and retry): leave Retort's setting on, and start offline scripts with SET lock_timeout.",
        SafeExample = "SET lock_timeout = '1s';\nALTER TABLE accounts ADD COLUMN tier integer;",
    };

    /// <summary>RT040.</summary>
    public static LintRule Truncate { get; } = new("RT040", "TRUNCATE of an existing table", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Rewrites = true,
        Why = "TRUNCATE deletes every row at once (the table gets a new, empty file) under ACCESS EXCLUSIVE; the data is gone and the running application finds the table empty.",
        SafeAlternative = "Delete what must go in batches with a WHERE, or rename the table aside and create a new one once nothing uses the rows.",
        SafeExample = "op.Execute(\"DELETE FROM sessions WHERE expires_at < now() - interval '30 days'\");",
        Example = new(AccountsSetup, "TRUNCATE accounts", "accounts"),
    };

    /// <summary>RT041.</summary>
    public static LintRule TruncateCascade { get; } = new("RT041", "TRUNCATE … CASCADE empties other tables", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table and every table that references it", Rewrites = true,
        Why = "CASCADE also empties every table with a foreign key to the truncated one (and theirs, recursively), each under ACCESS EXCLUSIVE, without the revision naming them.",
        SafeAlternative = "Name every table to empty in the TRUNCATE, so the revision says what it deletes, or delete in batches.",
        SafeExample = "TRUNCATE owners, accounts;",
        Example = new(OwnersSetup + "\nALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id);", "TRUNCATE owners CASCADE", "accounts"),
    };

    /// <summary>RT042.</summary>
    public static LintRule SetLogged { get; } = new("RT042", "table switched to LOGGED or UNLOGGED", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Rewrites = true, Scans = true,
        Why = "SET LOGGED and SET UNLOGGED rewrite the table (and write it all to the WAL for LOGGED) under ACCESS EXCLUSIVE.",
        SafeAlternative = "Create the table with the persistence it needs, or copy into a new table and swap in a short step.",
        SafeExample = "CREATE UNLOGGED TABLE import_rows (LIKE accounts);",
        Example = new(AccountsSetup, "ALTER TABLE accounts SET UNLOGGED", "accounts"),
    };

    /// <summary>RT043.</summary>
    public static LintRule RefreshWithoutConcurrently { get; } = new("RT043", "materialized view refreshed without CONCURRENTLY", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the materialized view", Rewrites = true,
        Why = "REFRESH MATERIALIZED VIEW rebuilds the view under ACCESS EXCLUSIVE: every query that reads it waits until the refresh ends.",
        SafeAlternative = "REFRESH MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on the view), which lets reads go on.",
        SafeExample = "CREATE UNIQUE INDEX account_totals_key ON account_totals (n);\nREFRESH MATERIALIZED VIEW CONCURRENTLY account_totals;",
        Example = new(AccountsSetup + "\nCREATE MATERIALIZED VIEW account_totals AS SELECT count(*) AS n FROM accounts;", "REFRESH MATERIALIZED VIEW account_totals", "account_totals"),
    };

    /// <summary>RT044.</summary>
    public static LintRule LockTable { get; } = new("RT044", "explicit LOCK TABLE", LintSeverity.Warning)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table (the mode named, ACCESS EXCLUSIVE by default)",
        Why = "LOCK TABLE holds its lock until the revision commits; in the default mode nothing reads or writes the table meanwhile.",
        SafeAlternative = "Let each statement take the lock it needs, briefly; if a lock must be held, take the weakest mode that works, with a short lock_timeout.",
        SafeExample = "SET LOCAL lock_timeout = '1s';\nLOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE;",
        Example = new(AccountsSetup, "LOCK TABLE accounts", "accounts"),
    };

    /// <summary>RT045.</summary>
    public static LintRule ExclusionConstraint { get; } = new("RT045", "exclusion constraint added to an existing table", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "AccessExclusiveLock", LockTarget = "the table", Scans = true,
        Why = "ADD … EXCLUDE builds its index and checks every row under ACCESS EXCLUSIVE, and there is no NOT VALID or USING INDEX way around it.",
        SafeAlternative = "Add it while the table is new or small, or in a maintenance window; enforce the rule in the application meanwhile.",
        SafeExample = "-- in the revision that creates the table:\nCREATE TABLE bookings (room int, during tstzrange, EXCLUDE USING gist (during WITH &&));",
        Example = new(AccountsSetup + "\nALTER TABLE accounts ADD COLUMN active_during int4range;", "ALTER TABLE accounts ADD CONSTRAINT accounts_no_overlap EXCLUDE USING gist (active_during WITH &&)", "accounts"),
    };

    /// <summary>RT046.</summary>
    public static LintRule DomainConstraint { get; } = new("RT046", "domain constraint added without NOT VALID", LintSeverity.Error)
    {
        Dialect = Dialect, Lock = "ShareLock", LockTarget = "every table with a column of the domain", Scans = true,
        Why = "ALTER DOMAIN … ADD CONSTRAINT checks every value of every column of the domain, holding SHARE on each such table: writes to them wait until the scans end.",
        SafeAlternative = "Add it NOT VALID, then ALTER DOMAIN … VALIDATE CONSTRAINT in a later transaction.",
        SafeExample = "ALTER DOMAIN positive_amount ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;\n-- a later transaction:\nALTER DOMAIN positive_amount VALIDATE CONSTRAINT positive;",
        Example = new("CREATE DOMAIN positive_amount AS integer;\nCREATE TABLE ledgers (id integer PRIMARY KEY, amount positive_amount);\nINSERT INTO ledgers SELECT g, g FROM generate_series(1, 100) g;",
            "ALTER DOMAIN positive_amount ADD CONSTRAINT positive CHECK (VALUE > 0)", "ledgers"),
    };

    /// <summary>RT055.</summary>
    public static LintRule NotRerunnable { get; } = new("RT055", "statement outside the transaction that cannot run twice", LintSeverity.Warning)
    {
        Dialect = Dialect, NoLockReason = "About running the step again, not about a lock (the index rules name the locks).",
        Why = "A step outside the revision's transaction commits on its own: when the run dies after it and before the revision is recorded, the next run repeats it, and CREATE INDEX CONCURRENTLY without IF NOT EXISTS (or DROP INDEX CONCURRENTLY without IF EXISTS) then fails because the index already exists (or is already gone).",
        SafeAlternative = "Write steps outside the transaction so a second run completes them: IF NOT EXISTS and IF EXISTS (Retort drops an INVALID index a failed build left before building again).",
        SafeExample = "-- retort:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_idx ON accounts (email);",
    };

    /// <summary>Every rule of this catalogue, in id order.</summary>
    public static IReadOnlyList<LintRule> All { get; } =
    [
        IndexWithoutConcurrently, DropIndexWithoutConcurrently, ReindexWithoutConcurrently, OutsideTransactionOnly, TypeChangeRewrite,
        VolatileDefault, DefaultBeforeVersion11, SetTablespace, VacuumFull, Cluster, CheckWithoutNotValid, ForeignKeyWithoutNotValid,
        SetNotNull, UniqueWithoutIndex, PrimaryKeyWithoutIndex, ValidateInSameTransaction, PreferIdentity, AddSerialOrStoredColumn,
        IntegerPrimaryKey, TimestampWithoutTimeZone, JsonInsteadOfJsonb, CharColumn, VarcharLength, DropDatabase, EnumValueInTransaction,
        IndexOnManyColumns, EnumRemoval, DdlAndDataMixed, NoLockTimeout, Truncate, TruncateCascade, SetLogged, RefreshWithoutConcurrently,
        LockTable, ExclusionConstraint, DomainConstraint, NotRerunnable,
    ];
}

namespace Retort.Lint.Rules;

/// <summary>
/// The catalogue of the rules that hold for every database (<c>RT001</c>–<c>RT010</c>): changes the application version
/// still running cannot live with, and data changes made in one statement. Their checks are
/// <see cref="CommonChecks"/>; each dialect's <see cref="LintSupport"/> lists them before its own.
/// </summary>
public static class CommonRules
{
    private const string Compatibility = "A compatibility rule: the statement itself takes only a brief lock and neither rewrites nor scans the table; the harm is to the application version that is still running.";

    /// <summary>RT001.</summary>
    public static LintRule DropColumn { get; } = new("RT001", "column dropped while the application may still use it", LintSeverity.Error)
    {
        NoLockReason = Compatibility,
        Why = "During a deploy the previous application version keeps running; its statements that name the column (and an ORM's queries that list every mapped column) fail from the moment the drop commits, and the column's data is gone.",
        SafeAlternative = "Drop it online (op.Online.DropColumn, or a SQL revision's `-- retort:online` line): the new version's views leave it out while the old version keeps it, and `retort complete` drops it once the old application is gone (see docs/expand-contract.md). Or release an application that no longer uses the column first and drop it in a later revision.",
        SafeExample = "op.Online.DropColumn(\"accounts\", \"legacy_code\", down: \"''\");\n// after the deploy: retort complete",
    };

    /// <summary>RT002.</summary>
    public static LintRule RenameColumn { get; } = new("RT002", "column renamed while the application may still use the old name", LintSeverity.Error)
    {
        NoLockReason = Compatibility,
        Why = "The previous application version still uses the old name; every statement of it that names the column fails as soon as the rename commits.",
        SafeAlternative = "Rename it online (op.Online.RenameColumn, or a SQL revision's `-- retort:online` line): the old and the new application each see their name through a schema of views, and `retort complete` renames the column once the old application is gone (see docs/expand-contract.md).",
        SafeExample = "op.Online.RenameColumn(\"accounts\", \"email\", \"email_address\");\n// after the deploy: retort complete",
    };

    /// <summary>RT003.</summary>
    public static LintRule RenameTable { get; } = new("RT003", "table renamed while the application may still use the old name", LintSeverity.Error)
    {
        NoLockReason = Compatibility,
        Why = "The previous application version still queries the old name; each of its statements on the table fails as soon as the rename commits.",
        SafeAlternative = "Rename it online (op.Online.RenameTable, or a SQL revision's `-- retort:online` line): each application version sees its name through a schema of views, and `retort complete` renames the table once the old application is gone (see docs/expand-contract.md).",
        SafeExample = "-- retort:online\nALTER TABLE accounts RENAME TO customer_accounts;\n-- after the deploy: retort complete",
    };

    /// <summary>RT004.</summary>
    public static LintRule DropTable { get; } = new("RT004", "table with data dropped", LintSeverity.Error)
    {
        NoLockReason = "The drop waits for and takes the strongest lock briefly (it does not scan or rewrite); the harm is the lost rows and the running application's failing statements.",
        Why = "Dropping a table deletes its rows for good, and the previous application version fails on every statement that uses it.",
        SafeAlternative = "Release an application that no longer uses the table first; rename it aside (or back it up) and drop it in a later revision once nothing reads it.",
        SafeExample = "op.RenameTable(\"audit_log\", \"audit_log_retired\");\n// a later revision, after a backup: op.DropTable(\"audit_log_retired\");",
    };

    /// <summary>RT005.</summary>
    public static LintRule NotNullWithoutDefault { get; } = new("RT005", "NOT NULL column added without a default", LintSeverity.Error)
    {
        NoLockReason = "The statement fails on a table that holds rows (every existing row would be NULL), and the running application's inserts that do not name the column fail after it commits.",
        Why = "Existing rows have no value for the column, so the statement fails on a table with rows; once it exists, inserts of the previous application version that do not name the column fail.",
        SafeAlternative = "Add the column nullable or with a constant default, backfill it in batches, then make it NOT NULL through a validated CHECK.",
        SafeExample = "op.AddColumn(\"accounts\", new Column(\"tier\", SqlType.Integer, serverDefault: ServerDefault.Literal(0)));",
    };

    /// <summary>RT006.</summary>
    public static LintRule NarrowingType { get; } = new("RT006", "column type narrowed", LintSeverity.Error)
    {
        NoLockReason = "A compatibility rule: the lock and rewrite of a type change are the type-change rule's; this one is about values that no longer fit.",
        Why = "A narrower type (shorter varchar, smaller integer, fewer digits) fails on the first existing value that does not fit, after holding the table's lock, or silently rounds; the running application may keep writing values that no longer fit.",
        SafeAlternative = "Keep the wider type and enforce the new limit with a CHECK added NOT VALID and validated separately, after the application writes only fitting values.",
        SafeExample = "ALTER TABLE accounts ADD CONSTRAINT accounts_code_len CHECK (char_length(code) <= 8) NOT VALID;\n-- next revision: ALTER TABLE accounts VALIDATE CONSTRAINT accounts_code_len;",
    };

    /// <summary>RT007.</summary>
    public static LintRule WholeTableDataChange { get; } = new("RT007", "UPDATE or DELETE of a whole table in one statement", LintSeverity.Warning)
    {
        NoLockReason = "It takes row locks on every changed row (on PostgreSQL a ROW EXCLUSIVE table lock, which blocks no other reader or writer), held until the revision commits.",
        Why = "One statement over every row locks each row until the revision commits, so the application's writes to any of them wait; on a large table it also writes a burst of WAL and dead rows (SQLite holds the database's write lock throughout).",
        SafeAlternative = "Use a backfill, which runs in short keyset batches, each committed with a checkpoint, and resumes after a crash.",
        SafeExample = "op.Backfill(\"accounts\", \"tier = 0\", where: \"tier IS NULL\");",
    };

    /// <summary>RT008.</summary>
    public static LintRule DropNotNull { get; } = new("RT008", "column made nullable while readers expect a value", LintSeverity.Warning)
    {
        NoLockReason = Compatibility,
        Why = "Once NULL is allowed, new rows may hold it, and the running application (or a reporting job) that assumes a value reads NULL it never handled.",
        SafeAlternative = "Release the readers that handle NULL first, then drop NOT NULL in a later revision.",
        SafeExample = "op.AlterColumn(\"accounts\", \"email\", nullable: true, existingNullable: false); // after the readers handle NULL",
    };

    /// <summary>RT009.</summary>
    public static LintRule DropCascade { get; } = new("RT009", "DROP … CASCADE removes dependent objects", LintSeverity.Warning)
    {
        NoLockReason = "It takes the locks of each drop; the harm is what else it removes without naming it (views, foreign keys, defaults, columns of other tables).",
        Why = "CASCADE drops every object that depends on the dropped one, across tables, and the revision never says which; the application loses views or constraints it relies on.",
        SafeAlternative = "Drop the dependent objects by name first, then drop the object without CASCADE, so the revision says what it removes and fails if something else still depends on it.",
        SafeExample = "DROP VIEW active_accounts;\nALTER TABLE accounts DROP COLUMN legacy_code;",
    };

    /// <summary>RT010.</summary>
    public static LintRule TransactionControl { get; } = new("RT010", "transaction control inside a revision", LintSeverity.Error)
    {
        NoLockReason = "It takes no lock; it ends or starts a transaction behind Retort's back.",
        Why = "Retort runs each revision and its version row in one transaction; a COMMIT, ROLLBACK or BEGIN in the revision's SQL ends it midway, so a failure later leaves a half-applied revision whose version row does not say so.",
        SafeAlternative = "Leave the transaction to Retort; put what must run outside a transaction in its own step (a SQL revision's `-- retort:no-transaction`, or `op.Execute(sql, outsideTransaction: true)`).",
        SafeExample = "op.Execute(\"CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email)\", outsideTransaction: true);",
    };

    /// <summary>Every rule of this catalogue, in id order.</summary>
    public static IReadOnlyList<LintRule> All { get; } =
        [DropColumn, RenameColumn, RenameTable, DropTable, NotNullWithoutDefault, NarrowingType, WholeTableDataChange, DropNotNull, DropCascade, TransactionControl];
}

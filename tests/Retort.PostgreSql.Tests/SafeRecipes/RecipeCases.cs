using Retort.Migrations;
using Retort.Revisions;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.SafeRecipes;

/// <summary>
/// One operation per safe recipe, on tables that exist before the revision and hold rows: what it adds, the SQL that
/// marks its recipe in the log, a row that breaks it and the name its failure must give.
/// </summary>
/// <param name="Name">The case, as a theory's argument.</param>
/// <param name="Upgrade">The operation, with the <c>online</c> argument passed on.</param>
/// <param name="Downgrade">Its reverse.</param>
/// <param name="Marks">Statements (beginnings) the recipe runs, in order.</param>
/// <param name="Violation">SQL that makes a row break it.</param>
/// <param name="Fix">SQL that repairs that row.</param>
/// <param name="Object">The constraint or index it makes (what a failure names, and what must not be left behind).</param>
public sealed record RecipeCase(string Name, Action<Op, bool?> Upgrade, Action<Op> Downgrade, string[] Marks, string Violation, string Fix, string Object)
{
    /// <summary>The tables every case starts from, with rows: created outside Retort, so they exist before any revision.</summary>
    public const string Setup = """
        CREATE TABLE parent (id integer PRIMARY KEY);
        CREATE TABLE child (id integer PRIMARY KEY, parent_id integer, email text, n integer);
        CREATE TABLE nokey (x integer NOT NULL, y integer NOT NULL);
        INSERT INTO parent SELECT g FROM generate_series(1, 500) g;
        INSERT INTO child SELECT g, g, 'user' || g || '@example.com', g FROM generate_series(1, 500) g;
        INSERT INTO nokey SELECT g, g FROM generate_series(1, 500) g;
        """;

    /// <summary>Every case by name.</summary>
    public static IReadOnlyDictionary<string, RecipeCase> All { get; } = new RecipeCase[]
    {
        new("foreign key",
            (op, online) => op.CreateForeignKey("fk_child_parent", "child", "parent", ["parent_id"], ["id"], online: online),
            op => op.DropConstraint("fk_child_parent", "child"),
            ["ALTER TABLE \"child\" ADD CONSTRAINT \"fk_child_parent\" FOREIGN KEY (\"parent_id\") REFERENCES \"parent\" (\"id\") NOT VALID",
             "ALTER TABLE \"child\" VALIDATE CONSTRAINT \"fk_child_parent\""],
            "UPDATE child SET parent_id = 999 WHERE id = 7", "UPDATE child SET parent_id = 7 WHERE id = 7", "fk_child_parent"),
        new("check",
            (op, online) => op.CreateCheckConstraint("ck_child_n", "child", "n > 0", online),
            op => op.DropConstraint("ck_child_n", "child"),
            ["ALTER TABLE \"child\" ADD CONSTRAINT \"ck_child_n\" CHECK (n > 0) NOT VALID", "ALTER TABLE \"child\" VALIDATE CONSTRAINT \"ck_child_n\""],
            "UPDATE child SET n = -1 WHERE id = 7", "UPDATE child SET n = 7 WHERE id = 7", "ck_child_n"),
        new("set not null",
            (op, online) => op.AlterColumn("child", "email", nullable: false, existingNullable: true, online: online),
            op => op.AlterColumn("child", "email", nullable: true, existingNullable: false),
            ["ALTER TABLE \"child\" ADD CONSTRAINT \"child_email_not_null\" CHECK (\"email\" IS NOT NULL) NOT VALID",
             "ALTER TABLE \"child\" VALIDATE CONSTRAINT \"child_email_not_null\"",
             "ALTER TABLE \"child\" ALTER COLUMN \"email\" SET NOT NULL",
             "ALTER TABLE \"child\" DROP CONSTRAINT \"child_email_not_null\""],
            "UPDATE child SET email = NULL WHERE id = 7", "UPDATE child SET email = 'seven@example.com' WHERE id = 7", "child_email_not_null"),
        new("unique",
            (op, online) => op.CreateUniqueConstraint("uq_child_email", "child", ["email"], online),
            op => op.DropConstraint("uq_child_email", "child"),
            ["CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"uq_child_email\" ON \"child\" (\"email\")",
             "ALTER TABLE \"child\" ADD CONSTRAINT \"uq_child_email\" UNIQUE USING INDEX \"uq_child_email\""],
            "UPDATE child SET email = 'user1@example.com' WHERE id = 7", "UPDATE child SET email = 'user7@example.com' WHERE id = 7", "uq_child_email"),
        new("primary key",
            (op, online) => op.CreatePrimaryKey("pk_nokey", "nokey", ["x", "y"], online),
            op => op.DropConstraint("pk_nokey", "nokey"),
            ["CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"pk_nokey\" ON \"nokey\" (\"x\", \"y\")",
             "ALTER TABLE \"nokey\" ADD CONSTRAINT \"pk_nokey\" PRIMARY KEY USING INDEX \"pk_nokey\""],
            "UPDATE nokey SET x = 1, y = 1 WHERE x = 7", "UPDATE nokey SET x = 7, y = 7 WHERE ctid = (SELECT max(ctid) FROM nokey WHERE x = 1)", "pk_nokey"),
        new("index",
            (op, online) => op.CreateIndex("ix_child_email", "child", ["email"], unique: true, online: online),
            op => op.DropIndex("ix_child_email", "child"),
            ["CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"ix_child_email\" ON \"child\" (\"email\")"],
            "UPDATE child SET email = 'user1@example.com' WHERE id = 7", "UPDATE child SET email = 'user7@example.com' WHERE id = 7", "ix_child_email"),
    }.ToDictionary(c => c.Name);

    /// <summary>The case names, for a theory.</summary>
    public static TheoryData<string> Names => new(All.Keys);

    /// <summary>One revision, r1, holding the case's operation (with <paramref name="online"/>) and its reverse.</summary>
    public RevisionSet Revisions(bool? online = null) =>
        new([new Revision(RevisionInfo.Create("r1", null, Name), new InlineScript(op => Upgrade(op, online), Downgrade))]);

    /// <inheritdoc />
    public override string ToString() => Name;
}

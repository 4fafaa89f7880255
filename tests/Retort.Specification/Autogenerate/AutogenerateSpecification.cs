using Retort.Autogenerate;
using Retort.Connections;
using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Specification.Autogenerate;

/// <summary>
/// Autogenerate against a real database: no false positives for any supported type, default or constraint,
/// and generate → apply → check → downgrade round trips. Written once for every dialect.
/// </summary>
public abstract class AutogenerateSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    /// <summary>Every type and default form the schema model supports.</summary>
    public static MetaData EveryTypeAndDefault()
    {
        var m = new MetaData();
        _ = new Table("parent", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("code", SqlType.String(10), nullable: false, unique: true));
        _ = new Table("kitchen_sink", m,
            new Column("id", SqlType.BigInteger, primaryKey: true),
            new Column("i16", SqlType.SmallInteger, serverDefault: ServerDefault.Literal(7)),
            new Column("i32", SqlType.Integer, nullable: false, serverDefault: ServerDefault.Literal(-1)),
            new Column("flag", SqlType.Boolean, nullable: false, serverDefault: ServerDefault.Literal(false)),
            new Column("s", SqlType.String(40), serverDefault: ServerDefault.Literal("it's")),
            new Column("s_unbounded", SqlType.String()),
            new Column("txt", SqlType.Text, comment: "free text"),
            new Column("num", SqlType.Numeric(12, 3), serverDefault: ServerDefault.Literal(1.25m)),
            new Column("num_p", SqlType.Numeric(5)),
            new Column("f32", SqlType.Float),
            new Column("f64", SqlType.Double, serverDefault: ServerDefault.Literal(2.5)),
            new Column("d", SqlType.Date),
            new Column("dt", SqlType.DateTime, serverDefault: ServerDefault.Sql("CURRENT_TIMESTAMP")),
            new Column("dto", SqlType.DateTimeOffset),
            new Column("t", SqlType.Time),
            new Column("g", SqlType.Guid),
            new Column("bin", SqlType.Binary()),
            new Column("js", SqlType.Json),
            new Column("parent_id", SqlType.Integer, references: "parent.id"),
            new Column("parent_code", SqlType.String(10)),
            new ForeignKeyConstraint(ValueList.Of("parent_code"), "parent", ValueList.Of("code"), "fk_sink_code") { OnDelete = ReferentialAction.SetNull, OnUpdate = ReferentialAction.Cascade },
            new UniqueConstraint("s", "i16"),
            new CheckConstraint("i32 > -100", "i32_range"),
            new TableIndex(null, "d", "dt"),
            new TableIndex("ix_sink_partial", "s") { Unique = true, Where = "flag = true" });
        return m;
    }

    [SpecFact]
    public async Task Every_type_default_and_constraint_reflects_without_a_difference()
    {
        await using var db = await CreateDatabaseAsync();
        var m = EveryTypeAndDefault();
        await m.CreateAllAsync(db.Database);
        var diff = await Autogenerator.CompareAsync(db.Database, m);
        Assert.True(diff.IsEmpty, "unexpected differences:\n" + string.Join("\n", diff.Operations.Select(o => o.Describe())));
    }

    [SpecFact]
    public async Task A_revision_generated_from_the_empty_database_creates_the_schema_and_check_is_then_clean()
    {
        await using var db = await CreateDatabaseAsync();
        var m = EveryTypeAndDefault();
        var diff = await Autogenerator.CompareAsync(db.Database, m);
        Assert.Equal(["parent", "kitchen_sink"], diff.Operations.Cast<CreateTableOperation>().Select(c => c.Table.Name));
        var migrator = Apply(db, diff);
        await migrator.UpgradeAsync();
        Assert.True((await Autogenerator.CompareAsync(db.Database, m)).IsEmpty);
        await migrator.DowngradeAsync("base");
        Assert.DoesNotContain(await db.Database.ReflectAsync(), t => !t.Name.StartsWith("retort_", StringComparison.Ordinal));
    }

    private static MetaData Before()
    {
        var m = new MetaData();
        _ = new Table("authors", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.String(50), nullable: false));
        _ = new Table("books", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("title", SqlType.String(100)),
            new Column("author_id", SqlType.Integer),
            new Column("isbn", SqlType.String(20)),
            new Column("pages", SqlType.SmallInteger),
            new Column("obsolete", SqlType.Text),
            new CheckConstraint("pages > 0", "pages_positive"),
            new TableIndex("ix_books_isbn", "isbn"));
        _ = new Table("legacy", m, new Column("id", SqlType.Integer, primaryKey: true));
        return m;
    }

    private static MetaData After()
    {
        var m = new MetaData();
        _ = new Table("authors", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.String(80), nullable: false, comment: "pen name")) { Comment = "people who write books" };
        _ = new Table("books", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("title", SqlType.String(100), nullable: false, serverDefault: ServerDefault.Literal("untitled")),
            new Column("author_id", SqlType.Integer, references: "authors.id"),
            new Column("isbn", SqlType.String(20), unique: true),
            new Column("pages", SqlType.Integer),
            new Column("published", SqlType.Date),
            new CheckConstraint("pages < 100000", "pages_sane"),
            new TableIndex("ix_books_title", "title") { Where = "title IS NOT NULL" });
        _ = new Table("reviews", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("book_id", SqlType.Integer, nullable: false, references: "books.id", index: true));
        return m;
    }

    [SpecFact]
    public async Task Generate_apply_check_and_downgrade_round_trip_every_kind_of_change()
    {
        await using var db = await CreateDatabaseAsync();
        await Before().CreateAllAsync(db.Database);
        await db.ExecAsync("INSERT INTO authors (id, name) VALUES (1, 'ann')");
        await db.ExecAsync("INSERT INTO books (id, title, author_id, isbn, pages, obsolete) VALUES (1, 'one', 1, 'x-1', 10, 'gone')");
        var original = await UserTablesAsync(db);

        var diff = await Autogenerator.CompareAsync(db.Database, After());
        var kinds = diff.Operations.Select(o => o.GetType().Name).Distinct().Order().ToList();
        Assert.Equal(["AddColumnOperation", "AddConstraintOperation", "AlterColumnOperation", "AlterTableCommentOperation", "CreateIndexOperation", "CreateTableOperation",
            "DropColumnOperation", "DropConstraintOperation", "DropIndexOperation", "DropTableOperation"], kinds);

        var migrator = Apply(db, diff);
        await migrator.UpgradeAsync();
        var again = await Autogenerator.CompareAsync(db.Database, After());
        Assert.True(again.IsEmpty, "differences after upgrade:\n" + string.Join("\n", again.Operations.Select(o => o.Describe())));
        Assert.Equal(["1|one|1"], await db.RowsAsync("SELECT id, title, author_id FROM books"));

        await migrator.DowngradeAsync("base");
        var restored = await UserTablesAsync(db);
        Assert.Equal(original.Select(t => t.Name), restored.Select(t => t.Name));
        foreach (var (o, r) in original.Zip(restored)) Assert.Equal(o, r);
        Assert.Equal(["1|one|1"], await db.RowsAsync("SELECT id, title, author_id FROM books"));
    }

    [SpecFact]
    public async Task Renames_are_hinted_or_emitted()
    {
        await using var db = await CreateDatabaseAsync();
        var before = new MetaData();
        _ = new Table("people", before, new Column("id", SqlType.Integer, primaryKey: true), new Column("fullname", SqlType.String(60)));
        await before.CreateAllAsync(db.Database);
        await db.ExecAsync("INSERT INTO people (id, fullname) VALUES (1, 'ann lee')");
        var after = new MetaData();
        _ = new Table("people", after, new Column("id", SqlType.Integer, primaryKey: true), new Column("display_name", SqlType.String(60)));

        var hinted = await Autogenerator.CompareAsync(db.Database, after);
        var hint = Assert.Single(hinted.RenameHints);
        Assert.Equal(("fullname", "display_name"), (hint.OldName, hint.NewName));
        Assert.Contains(hinted.Operations, o => o is DropColumnOperation);

        var emitted = await Autogenerator.CompareAsync(db.Database, after, new DiffOptions { EmitRenames = true });
        var rename = Assert.IsType<AlterColumnOperation>(Assert.Single(emitted.Operations));
        Assert.Equal("display_name", rename.NewName);
        await Apply(db, emitted).UpgradeAsync();
        Assert.Equal(["ann lee"], await db.RowsAsync("SELECT display_name FROM people"));
    }

    [SpecFact]
    public async Task Filters_limit_what_is_compared()
    {
        await using var db = await CreateDatabaseAsync();
        await Before().CreateAllAsync(db.Database);
        var onlyBooks = await Autogenerator.CompareAsync(db.Database, After(), new DiffOptions { IncludeTable = (_, name) => name == "books", Kinds = ObjectKinds.Columns });
        Assert.All(onlyBooks.Operations, o => Assert.Equal("books", Assert.IsAssignableFrom<TableOperation>(o).TableName));
        Assert.DoesNotContain(onlyBooks.Operations, o => o is AddConstraintOperation or CreateIndexOperation);
    }

    /// <summary>A chain of tables, each with a foreign key to the previous one (as in the autogenerate benchmark).</summary>
    public static MetaData Chain(int tables, Func<int, bool>? extraColumn = null)
    {
        var m = new MetaData();
        for (var i = 0; i < tables; i++)
        {
            var elements = new List<ITableElement>
            {
                new Column("id", SqlType.Integer, primaryKey: true),
                new Column("code", SqlType.String(20), nullable: false, unique: true),
                new Column("amount", SqlType.Numeric(10, 2)),
                new Column("created", SqlType.DateTime, index: true),
            };
            if (i > 0) elements.Add(new Column("prev_id", SqlType.Integer, references: $"t{i - 1:D4}.id", index: true));
            if (extraColumn?.Invoke(i) == true) elements.Add(new Column("extra", SqlType.Text));
            _ = new Table($"t{i:D4}", m, elements.ToArray());
        }
        return m;
    }

    [SpecFact]
    public async Task A_long_foreign_key_chain_with_ten_changed_tables_yields_exactly_ten_operations()
    {
        await using var db = await CreateDatabaseAsync();
        await Chain(120).CreateAllAsync(db.Database);
        Assert.True((await Autogenerator.CompareAsync(db.Database, Chain(120))).IsEmpty);
        var diff = await Autogenerator.CompareAsync(db.Database, Chain(120, i => i % 12 == 5));
        Assert.Equal(10, diff.Operations.Count);
        Assert.All(diff.Operations, o => Assert.Equal("extra", Assert.IsType<AddColumnOperation>(o).Column.Name));
    }

    private static MetaData Moods(params string[] labels)
    {
        var m = new MetaData();
        _ = new Table("people", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("mood", SqlType.Enum("mood", labels), nullable: false));
        return m;
    }

    [SpecFact]
    public async Task Enum_types_are_created_extended_and_checked()
    {
        await using var db = await CreateDatabaseAsync();
        var native = db.Database.Dialect.Name == "postgresql";
        var first = await Autogenerator.CompareAsync(db.Database, Moods("sad", "ok"));
        Assert.Equal(native ? ["CreateEnumTypeOperation", "CreateTableOperation"] : ["CreateTableOperation"], first.Operations.Select(o => o.GetType().Name));
        var gen = new Revision(RevisionInfo.Create("gen", null, "generated"), new InlineScript(op => { foreach (var o in first.Operations) op.Add(o); }, _ => { }));
        await new Migrator(db.Database, new RevisionSet([gen])).UpgradeAsync();
        await db.ExecAsync("INSERT INTO people (id, mood) VALUES (1, 'ok')");
        Assert.True((await Autogenerator.CompareAsync(db.Database, Moods("sad", "ok"))).IsEmpty);

        var second = await Autogenerator.CompareAsync(db.Database, Moods("sad", "ok", "happy"));
        if (native) Assert.Equal("happy", Assert.IsType<AddEnumValueOperation>(Assert.Single(second.Operations)).Value);
        var more = new Revision(RevisionInfo.Create("more", "gen", "more"), new InlineScript(op => { foreach (var o in second.Operations) op.Add(o); }, _ => { }));
        await new Migrator(db.Database, new RevisionSet([gen, more])).UpgradeAsync();
        Assert.True((await Autogenerator.CompareAsync(db.Database, Moods("sad", "ok", "happy"))).IsEmpty);
        await db.ExecAsync("INSERT INTO people (id, mood) VALUES (2, 'happy')");
        if (native) await Assert.ThrowsAnyAsync<Exception>(() => db.ExecAsync("INSERT INTO people (id, mood) VALUES (3, 'angry')"));
        Assert.Equal(["1|ok", "2|happy"], await db.RowsAsync("SELECT id, mood FROM people ORDER BY id"));
    }

    private static Migrator Apply(TestDatabase db, SchemaDiff diff) =>
        new(db.Database, new RevisionSet([new Revision(RevisionInfo.Create("gen", null, "generated"),
            new InlineScript(op => { foreach (var o in diff.Operations) op.Add(o); }, op => { foreach (var o in diff.ReverseOperations) op.Add(o); }))]));

    private static async Task<List<Table>> UserTablesAsync(TestDatabase db) =>
        (await db.Database.ReflectAsync()).Where(t => !t.Name.StartsWith("retort_", StringComparison.Ordinal)).OrderBy(t => t.Name).ToList();
}

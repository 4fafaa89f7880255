using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Retort.Autogenerate;
using Retort.Migrations;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Tests.Autogenerate;

public class MigrationCodeWriterTests
{
    private static MetaData Before()
    {
        var m = new MetaData();
        _ = new Table("users", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("name", SqlType.Text),
            new Column("age", SqlType.BigInteger),
            new Column("old", SqlType.String(5)),
            new CheckConstraint("age >= 0", "age_ok"),
            new TableIndex("ix_users_name", "name"));
        _ = new Table("gone", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("j", SqlType.Json, serverDefault: ServerDefault.Sql("'{}'")));
        return m;
    }

    private static MetaData After()
    {
        var m = new MetaData();
        _ = new Table("users", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("name", SqlType.String(20), nullable: false, comment: "the \"name\""),
            new Column("age", SqlType.Integer, serverDefault: ServerDefault.Literal(0)),
            new Column("joined", SqlType.DateTimeOffset, serverDefault: ServerDefault.Sql("CURRENT_TIMESTAMP")),
            new Column("team_id", SqlType.Integer, references: "teams.id"),
            new Column("mood", SqlType.Enum("mood", "sad", "it's ok")),
            new UniqueConstraint("name"),
            new TableIndex("ix_users_joined", "joined") { Where = "joined IS NOT NULL" }) { Comment = "who signs in" };
        _ = new Table("teams", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("label", SqlType.String(30), nullable: false),
            new Column("budget", SqlType.Numeric(10, 2), serverDefault: ServerDefault.Literal(1.5m)), new Column("on", SqlType.Boolean, serverDefault: ServerDefault.Literal(true)));
        return m;
    }

    [Fact]
    public void Differ_finds_every_change_in_a_safe_order()
    {
        var diff = SchemaDiffer.Compare(After().Tables, Before().Tables);
        var described = diff.Operations.Select(o => o.Describe()).ToList();
        Assert.Equal("create enum type mood (sad, it's ok)", described[0]);
        Assert.Equal("create table teams", described[1]);
        Assert.Equal("drop table gone", described[^1]);
        Assert.Contains("drop constraint ck_users_age_ok on users", described);
        Assert.Contains("drop index ix_users_name on users", described);
        Assert.Contains("drop column users.old", described);
        Assert.Contains("add column users.joined", described);
        Assert.Contains(described, d => d.StartsWith("alter column users.name: type StringType", StringComparison.Ordinal) && d.Contains("not null"));
        Assert.Contains("add fk constraint fk_users_team_id_teams on users", described);
        Assert.Contains("add uq constraint uq_users_name on users", described);
        // Drops of constraints come before column changes, additions after.
        Assert.True(described.IndexOf("drop constraint ck_users_age_ok on users") < described.IndexOf("drop column users.old"));
        Assert.True(described.IndexOf("add column users.joined") < described.IndexOf("create index ix_users_joined on users (joined)"));
        Assert.All(diff.Operations, o => Assert.True(o.IsReversible, o.Describe()));
        Assert.Empty(SchemaDiffer.Compare(After().Tables, After().Tables).Operations);
    }

    [Fact]
    public void Generated_code_compiles_and_rebuilds_the_same_plan()
    {
        var diff = SchemaDiffer.Compare(After().Tables, Before().Tables);
        var source = $$"""
            using Retort.Migrations;
            using Retort.Schema;
            using Retort.Schema.Types;

            [Revision("gen1", Message = "generated")]
            public sealed class Generated : Migration
            {
                public override void Upgrade(Op op)
                {
            {{MigrationCodeWriter.Write(diff.Operations)}}
                }

                public override void Downgrade(Op op)
                {
            {{MigrationCodeWriter.Write(diff.ReverseOperations)}}
                }
            }
            """;
        Assert.Contains("// DANGER: drops table 'gone'", source);
        Assert.Contains("// DANGER: drops column 'users.old'", source);
        Assert.Contains("// DANGER: narrows 'users.age' from SqlType.BigInteger to SqlType.Integer", source);
        Assert.Contains("Also makes 'users.name' NOT NULL", source);

        var migration = Compile(source);
        var up = new Op();
        migration.Upgrade(up);
        Assert.Equal(diff.Operations, up.Plan);
        var down = new Op();
        migration.Downgrade(down);
        Assert.Equal(diff.ReverseOperations, down.Plan);
    }

    private static Migration Compile(string source)
    {
        var refs = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => MetadataReference.CreateFromFile(a.Location)).Append(MetadataReference.CreateFromFile(typeof(Migration).Assembly.Location));
        var compilation = CSharpCompilation.Create("gen" + Guid.NewGuid().ToString("N"), [CSharpSyntaxTree.ParseText(source)], refs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + "\n" + source);
        var assembly = Assembly.Load(stream.ToArray());
        return (Migration)Activator.CreateInstance(assembly.GetType("Generated")!)!;
    }
}

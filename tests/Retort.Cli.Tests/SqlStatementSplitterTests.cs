using Retort.Environments;
using Retort.Operations;

namespace Retort.Cli.Tests;

public sealed class SqlStatementSplitterTests
{
    [Fact]
    public void Splits_at_top_level_semicolons_only()
    {
        var statements = SqlStatementSplitter.Split(
            "INSERT INTO t VALUES ('a;b', 'it''s;');\n-- a comment; with a semicolon\n" +
            "SELECT \"odd;name\" FROM [x;y] /* block; comment */ WHERE `c;d` = 1;\n" +
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN 1 THEN 2 END; DELETE FROM u; END;\n" +
            "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;\n" +
            "-- trailing comment only;\n");
        Assert.Equal(4, statements.Count);
        Assert.Equal("INSERT INTO t VALUES ('a;b', 'it''s;')", statements[0]);
        Assert.StartsWith("-- a comment; with a semicolon\nSELECT", statements[1]);
        Assert.EndsWith("DELETE FROM u; END", statements[2]);
        Assert.EndsWith("LANGUAGE plpgsql", statements[3]);
    }

    [Fact]
    public void PostgreSQL_bodies_parentheses_and_escaped_strings_do_not_split()
    {
        var statements = SqlStatementSplitter.Split(
            "CREATE OR REPLACE FUNCTION two() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;\n" +
            "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));\n" +
            "INSERT INTO t VALUES (E'it\\'s; fine', e'a\\\\'), ('x;y');\n" +
            "UPDATE t SET kind = CASE WHEN x THEN 'a' ELSE'b;c' END;\n" +
            "SELECT 1");
        Assert.Equal(5, statements.Count);
        Assert.EndsWith("THEN 2 END; END", statements[0]);
        Assert.EndsWith("INSERT INTO b VALUES (2))", statements[1]);
        Assert.EndsWith("('x;y')", statements[2]);
        Assert.EndsWith("ELSE'b;c' END", statements[3]);
        Assert.Equal("SELECT 1", statements[4]);
    }

    [Fact]
    public void Parses_a_revision_file_and_a_missing_downgrade_is_irreversible()
    {
        var revision = SqlRevisionFile.Parse(
            "-- retort:revision abc123\n-- retort:down-revision p1, p2\n-- retort:message join\n-- retort:branch-labels billing\n" +
            "-- retort:depends-on zz9\n-- retort:upgrade\nCREATE TABLE a (x INT);\nCREATE TABLE b (y INT);\n", "f.sql");
        Assert.Equal("abc123", revision.Id);
        Assert.Equal(["p1", "p2"], revision.Info.DownRevisions);
        Assert.Equal(["billing"], revision.Info.BranchLabels);
        Assert.Equal(["zz9"], revision.Info.DependsOn);
        var op = new Retort.Migrations.Op();
        revision.Script.BuildUpgrade(op);
        Assert.Equal(["CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"], op.Plan.Cast<ExecuteSqlOperation>().Select(o => o.Sql));
        Assert.NotNull(revision.Script.IrreversibleReason);
        var ex = Assert.Throws<RevisionFileException>(() => SqlRevisionFile.Parse("-- retort:upgrade\nSELECT 1;", "g.sql"));
        Assert.Contains("no '-- retort:revision <id>' line", ex.Message);
    }

    [Fact]
    public void Rendered_revision_parses_back()
    {
        var info = new Retort.Revisions.RevisionInfo("abc", ["p"], ["lbl"], ["dep"], "hello");
        var parsed = SqlRevisionFile.Parse(SqlRevisionFile.Render(info), "x.sql");
        Assert.Equal(info.DownRevisions, parsed.Info.DownRevisions);
        Assert.Equal("hello", parsed.Info.Message);
        Assert.Null(parsed.Script.IrreversibleReason);
    }
}

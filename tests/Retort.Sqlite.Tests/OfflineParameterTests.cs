using Retort.Migrations;
using Retort.Runner;
using Retort.Schema;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>
/// An offline script renders an <c>op.Execute</c> statement's parameters as literals where they are parameters, and
/// nowhere else: an <c>@name</c> in a comment, a string or a quoted name (<c>"…"</c>, <c>[…]</c>) is text.
/// </summary>
public sealed class OfflineParameterTests
{
    // A value that would break the script if it were written into the line comment: a line break, then SQL.
    private const string Who = "ann\n'; DELETE FROM notes; --";

    private static RevisionSet Chain() => Rev.Chain(
        op => op.CreateTable("notes", new Column("id", SqlType.Integer, primaryKey: true), new Column("body", SqlType.Text),
            new Column("@who", SqlType.Text), new Column("note", SqlType.Text)),
        op =>
        {
            op.Execute("-- @who fills the body\nINSERT INTO notes (id, body, \"@who\", note) /* not @who */ VALUES (1, @who, '@who', 'it''s @who') -- @who",
                new { who = Who });
            op.Execute("UPDATE notes SET [@who] = [@who] || ' and ' || @who WHERE id = 1 -- @who again", new { who = "bob" });
        });

    [Fact]
    public async Task Only_the_real_parameter_is_substituted_and_the_script_leaves_the_rows_the_online_run_leaves()
    {
        await using var online = new TempDatabase();
        await new Migrator(online.Database, Chain()).UpgradeAsync();
        await using var offline = new TempDatabase();
        var script = new StringWriter();
        await new Migrator(offline.Database, Chain()).WriteScriptAsync(script, up: true, "head");
        var text = script.ToString();

        Assert.Contains("-- @who fills the body\nINSERT INTO notes (id, body, \"@who\", note) /* not @who */ VALUES (1, 'ann\n''; DELETE FROM notes; --', '@who', 'it''s @who') -- @who\n;\n",
            text.ReplaceLineEndings("\n"));
        // The statement ends in a line comment: its semicolon goes on a line of its own, not into the comment.
        Assert.Contains("UPDATE notes SET [@who] = [@who] || ' and ' || 'bob' WHERE id = 1 -- @who again\n;\n", text.ReplaceLineEndings("\n"));
        await Sqlite3.RunOkAsync(offline.FilePath, text);

        const string rows = "SELECT id, body, \"@who\", note FROM notes";
        Assert.Equal(new List<object?[]> { new object?[] { 1L, Who, "@who and bob", "it's @who" } }, online.Query(rows));
        Assert.Equal(online.Query(rows), offline.Query(rows));
    }
}

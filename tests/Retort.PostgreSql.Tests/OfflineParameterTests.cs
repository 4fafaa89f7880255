using Npgsql;
using Retort.Behaviour;
using Retort.Cli.Tests;
using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// An offline script renders an <c>op.Execute</c> statement's parameters as literals where they are parameters, and
/// nowhere else: an <c>@name</c> in a (nested) comment, a string, an <c>E'…'</c> string, a dollar-quoted body or a
/// quoted name is text. The script, run by psql, leaves the rows the online run leaves.
/// </summary>
public sealed class OfflineParameterTests
{
    // A value that would break the script if it were written into the line comment: a line break, then SQL.
    private const string Who = "ann\n'; DELETE FROM lex_notes; --";

    private static RevisionSet Chain() => new(
    [
        new Revision(RevisionInfo.Create("p1", null, "table"), new InlineScript(op =>
            op.CreateTable("lex_notes", new Column("id", SqlType.Integer, primaryKey: true), new Column("body", SqlType.Text),
                new Column("@who", SqlType.Text), new Column("note", SqlType.Text), new Column("esc", SqlType.Text), new Column("tagged", SqlType.Text)))),
        new Revision(RevisionInfo.Create("p2", "p1", "row"), new InlineScript(op =>
            op.Execute("/* outer /* @who */ still @who */\n" +
                       "INSERT INTO lex_notes (id, body, \"@who\", note, esc, tagged)\n" +
                       "VALUES (1, @who, '@who', $$ @who $$, E'\\'@who', $t$ @who $t$) -- @who", new { who = Who }))),
    ]);

    [PgFact]
    public async Task Only_the_real_parameter_is_substituted_and_psql_leaves_the_rows_the_online_run_leaves()
    {
        await using var online = new PgDatabase();
        await online.InitializeAsync();
        await using (var database = online.Open()) await new Migrator(database, Chain()).UpgradeAsync();

        await using var offline = new PgDatabase();
        await offline.InitializeAsync();
        var script = new StringWriter();
        await using (var database = offline.Open()) await new Migrator(database, Chain()).WriteScriptAsync(script, up: true, "head");
        var text = script.ToString().ReplaceLineEndings("\n");
        Assert.Contains("/* outer /* @who */ still @who */\nINSERT INTO lex_notes (id, body, \"@who\", note, esc, tagged)\n" +
                        "VALUES (1, 'ann\n''; DELETE FROM lex_notes; --', '@who', $$ @who $$, E'\\'@who', $t$ @who $t$) -- @who\n;\n", text);
        await PsqlAsync(offline, text);

        const string rows = "SELECT concat_ws('|', id, body, \"@who\", note, esc, tagged) FROM lex_notes ORDER BY id";
        Assert.Equal($"1|{Who}|@who| @who |'@who| @who ", await online.ScalarAsync<string>(rows));
        Assert.Equal(await online.ScalarAsync<string>(rows), await offline.ScalarAsync<string>(rows));
    }

    private static async Task PsqlAsync(PgDatabase db, string script)
    {
        var bin = PgServer.FindBinDirectory();
        var psql = new[] { bin is null ? null : Path.Combine(bin, "psql"), "/usr/bin/psql" }.FirstOrDefault(File.Exists)
                   ?? throw new InvalidOperationException("psql is needed for this test; install Debian's postgresql-client.");
        using var folder = new TempDir();
        var file = folder["script.sql"];
        await File.WriteAllTextAsync(file, script);
        var b = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        var result = await CliRunner.ProcessAsync(folder.Path, psql, "-X", "-v", "ON_ERROR_STOP=1", "-q",
            "-h", b.Host!, "-p", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", b.Username!, "-d", b.Database!, "-f", file);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}

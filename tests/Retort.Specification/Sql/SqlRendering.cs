using Retort.Connections;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Specification.Support;

namespace Retort.Specification.Sql;

/// <summary>
/// The one place the specification turns operations into the SQL a dialect renders, through a public entry point:
/// the offline script (<see cref="Migrator.WriteScriptAsync"/>), which runs the same pipeline as an online run
/// (grouping, SQLite's rebuild, statements outside the transaction). When the way to render changes, only this
/// class changes.
/// </summary>
public static class SqlRendering
{
    /// <summary>
    /// The statements <paramref name="operations"/> render on the dialect of <paramref name="offline"/>, after a revision
    /// <paramref name="setup"/> that made the objects they work on (the script replays it to know the schema, and does
    /// not render it). The script's header, the revision's comment and its version and history statements are left out;
    /// transaction boundaries and statements the dialect adds around the operations stay. Statements are separated by a
    /// blank line, as the script writes them. A render the dialect refuses gives <c>refused: </c> and the error's message.
    /// </summary>
    public static async Task<string> RenderAsync(Database offline, Action<Op> setup, Action<Op> operations)
    {
        var revisions = new RevisionSet([
            new Revision(RevisionInfo.Create("setup", null, "setup"), new InlineScript(setup, _ => { })),
            new Revision(RevisionInfo.Create("case", "setup", "case"), new InlineScript(operations, _ => { })),
        ]);
        var script = new StringWriter();
        try
        {
            await new Migrator(offline, revisions).WriteScriptAsync(script, up: true, "setup:case");
        }
        catch (RetortException e)
        {
            return "refused: " + e.Message;
        }
        var statements = script.ToString().ReplaceLineEndings("\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => !s.StartsWith("-- Retort offline script:", StringComparison.Ordinal)
                        && !s.StartsWith("-- Running upgrade case", StringComparison.Ordinal)
                        && !s.Contains("\"retort_version\"", StringComparison.Ordinal)
                        && !s.Contains("\"retort_history\"", StringComparison.Ordinal));
        return string.Join("\n\n", statements);
    }
}

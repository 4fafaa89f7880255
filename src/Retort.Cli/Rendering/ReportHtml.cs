using System.Globalization;
using System.Text;
using Retort.Commands;
using Retort.Lint;
using Retort.Revisions;
using static Retort.Cli.Rendering.HtmlPage;

namespace Retort.Cli.Rendering;

/// <summary>
/// <c>retort report --html</c>: one standalone page with a database's state: current revisions and problems, data
/// steps in progress, pending revisions with their lint findings, the revision graph, and the history with durations.
/// </summary>
internal static class ReportHtml
{
    public static string Render(ReportResult report, DateTimeOffset generatedAt)
    {
        var current = report.Current;
        var graph = report.Revisions.Graph;
        var currentIds = current.Heads.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var body = new StringBuilder();
        body.Append("<h1>Retort report</h1>\n<p class=\"subtitle\">Database <code>").Append(E(current.Database)).Append("</code>, ")
            .Append(E(generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).Append(" UTC</p>\n");

        body.Append("<h2 id=\"current\">Current</h2>\n<p id=\"current-revisions\">");
        if (!current.DatabaseExists) body.Append("base: the database does not exist yet.");
        else if (current.Heads.Count == 0) body.Append("base: no revision applied.");
        else body.Append("At ").Append(string.Join(", ", current.Heads.Select(h => Revision(graph, h, currentIds)))).Append('.');
        body.Append(CultureInfo.InvariantCulture, $" {report.Pending.Count} of {graph.All.Count} revision(s) pending.</p>\n");
        if (current.Problem is { } problem) body.Append("<p class=\"problem\" id=\"problem\">").Append(E(problem)).Append("</p>\n");

        body.Append("<h2 id=\"in-progress\">Data steps in progress</h2>\n");
        if (current.InProgress.Count == 0) body.Append("<p class=\"empty\">None: no revision is partly applied.</p>\n");
        else
        {
            body.Append("<table><thead><tr><th>Revision</th><th>Direction</th><th>Steps done</th><th>Data steps</th><th>Rows checkpointed</th><th>Note</th></tr></thead><tbody>\n");
            foreach (var p in current.InProgress)
                body.Append("<tr><td class=\"id\">").Append(E(p.Revision)).Append("</td><td>").Append(E(p.Direction)).Append("</td><td class=\"num\">")
                    .Append(p.StepsDone).Append("</td><td class=\"num\">").Append(p.DataSteps).Append("</td><td class=\"num\">")
                    .Append(p.RowsCheckpointed.ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td>")
                    .Append(E(!p.Known ? "no revision file defines it" : p.Undoing ? "an undo stopped part way" : $"run {p.Direction} again to resume"))
                    .Append("</td></tr>\n");
            body.Append("</tbody></table>\n");
        }

        body.Append("<h2 id=\"pending\">Pending revisions</h2>\n");
        if (report.Pending.Count == 0) body.Append("<p class=\"empty\">None: the database is at the heads.</p>\n");
        else
        {
            body.Append("<table><thead><tr><th>Revision</th><th>Parents</th><th>Message</th></tr></thead><tbody>\n");
            foreach (var r in report.Pending)
                body.Append("<tr><td class=\"id\">").Append(Revision(graph, r, currentIds)).Append("</td><td class=\"id\">")
                    .Append(E(r.IsBase ? "<base>" : string.Join(", ", r.DownRevisions))).Append("</td><td>").Append(E(r.Message)).Append("</td></tr>\n");
            body.Append("</tbody></table>\n");
        }

        body.Append("<h2 id=\"lint\">Lint findings of the pending revisions</h2>\n");
        if (report.LintError is { } lintError) body.Append("<p class=\"problem\">Not linted: ").Append(E(lintError)).Append("</p>\n");
        else if (report.Lint is not { Findings.Count: > 0 } lint) body.Append("<p class=\"empty\">No findings.</p>\n");
        else
        {
            body.Append("<table><thead><tr><th>Severity</th><th>Rule</th><th>Revision</th><th>Where</th><th>Finding</th><th>Safe alternative</th></tr></thead><tbody>\n");
            foreach (var f in lint.Findings)
            {
                var severity = f.Severity switch { LintSeverity.Error => "error", LintSeverity.Warning => "warning", _ => "note" };
                body.Append("<tr class=\"finding\"><td class=\"severity-").Append(severity).Append("\">").Append(severity).Append(f.IsAllowed ? " (allowed)" : "")
                    .Append("</td><td><code>").Append(E(f.Rule.Id)).Append("</code> ").Append(E(f.Rule.Title)).Append("</td><td class=\"id\">")
                    .Append(E(f.Revision ?? "")).Append("</td><td>").Append(E(Place(f))).Append("</td><td>").Append(E(f.Message))
                    .Append(f.AllowedReason is { } reason ? "<br><em>Allowed: " + E(reason) + "</em>" : "").Append("</td><td>")
                    .Append(E(f.Rule.SafeAlternative)).Append("</td></tr>\n");
            }
            body.Append("</tbody></table>\n");
        }

        body.Append("<h2 id=\"graph\">Revision graph</h2>\n").Append(Legend(withDatabase: true)).Append("<div class=\"graph\">\n")
            .Append(GraphSvg.Render(graph, currentIds, report.Pending.Select(p => p.Id).ToHashSet(StringComparer.Ordinal))).Append("</div>\n");

        body.Append("<h2 id=\"history\">History</h2>\n");
        if (report.History.Count == 0) body.Append("<p class=\"empty\">Nothing has run on this database yet.</p>\n");
        else
        {
            body.Append("<table id=\"history-table\"><thead><tr><th>#</th><th>Revision</th><th>Direction</th><th>Applied at (UTC)</th><th>Duration</th><th>Rows</th><th>Message</th></tr></thead><tbody>\n");
            // Newest first, as `retort history`.
            foreach (var h in report.History.Reverse())
            {
                var message = graph.TryGet(h.Revision, out var info) ? info.Message : "(no revision file defines it)";
                body.Append("<tr class=\"run\"><td class=\"num\">").Append(h.Id).Append("</td><td class=\"id\">").Append(E(h.Revision)).Append("</td><td>")
                    .Append(E(h.Direction)).Append("</td><td>").Append(E(h.AppliedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
                    .Append("</td><td class=\"num\">").Append(h.Duration is { } d ? E(Duration(d)) : "").Append("</td><td class=\"num\">")
                    .Append(h.Rows is { } rows ? rows.ToString("N0", CultureInfo.InvariantCulture) : "").Append("</td><td>").Append(E(message)).Append("</td></tr>\n");
            }
            body.Append("</tbody></table>\n");
        }
        return Wrap("Retort report: " + current.Database, body.ToString());
    }

    private static string Revision(RevisionGraph graph, RevisionInfo r, IReadOnlyCollection<string> current)
    {
        var text = new StringBuilder("<span class=\"id\">").Append(E(r.Id)).Append("</span>");
        foreach (var mark in GraphText.Marks(graph, r, current))
            text.Append("<span class=\"badge ").Append(mark is "head" or "current" ? mark : "label").Append("\">").Append(E(mark)).Append("</span>");
        return text.ToString();
    }

    // The file and line, then the statement or operation, as `retort lint` says it.
    private static string Place(LintFinding f)
    {
        var source = f.Source is null ? "" : Path.GetFileName(f.Source) + (f.Line is { } line ? $":{line}" : "");
        var what = f.Statement is { } s ? s.ReplaceLineEndings(" ") : f.Operation is { } o ? $"operation {f.OperationIndex + 1}: {o}" : "";
        return string.Join(", ", new[] { source, what }.Where(p => p.Length > 0));
    }

    private static string Duration(TimeSpan d) =>
        d.TotalSeconds < 1 ? $"{d.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
        : d.TotalMinutes < 1 ? $"{d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : d.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}

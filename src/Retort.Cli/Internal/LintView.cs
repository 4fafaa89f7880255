using Retort.Lint;
using Retort.Runner.Linting;
using Spectre.Console;

namespace Retort.Cli.Internal;

/// <summary>How lint findings are printed for people: a table with severity colours on a terminal, plain blocks of text when redirected.</summary>
internal static class LintView
{
    public static void Write(IAnsiConsole console, LintReport report, string? database)
    {
        var scope = report.Revisions.Count == 1 ? "1 revision" : $"{report.Revisions.Count} revisions";
        var where = database is null ? "without a database" : $"against {database}{(report.ServerVersion is { } v ? $" (server {v})" : "")}";
        console.WriteLine($"Linted {scope} for {report.Dialect}, {where}.");
        if (report.Findings.Count == 0)
        {
            console.WriteLine("No findings.");
            if (report.Verification is { } verified) VerifyView.Write(console, verified);
            return;
        }
        if (console.Profile.Capabilities.Ansi)
        {
            var table = new Table().AddColumn("Severity").AddColumn("Rule").AddColumn("Revision").AddColumn("Where").AddColumn("Finding");
            foreach (var f in report.Findings)
                table.AddRow(new Markup(Severity(f)), new Markup($"{Markup.Escape(f.Rule.Id)}\n[grey]{Markup.Escape(f.Rule.Title)}[/]"),
                    new Text(f.Revision ?? ""), new Text(Place(f)), new Markup(Markup.Escape(Detail(f))));
            console.Write(table);
        }
        else
        {
            // Redirected: no box drawing, one block per finding that a log or a diff keeps readable.
            foreach (var f in report.Findings)
            {
                console.WriteLine($"{Label(f)} {f.Rule.Id} {f.Rule.Title}: revision {f.Revision}, {Place(f)}");
                foreach (var line in Detail(f).Split('\n')) console.WriteLine("    " + line);
            }
        }
        if (report.Verification is { } verification) VerifyView.Write(console, verification);
        Summary(console, report);
    }

    public static void Summary(IAnsiConsole console, LintReport report)
    {
        var errors = report.Findings.Count(f => f.Severity == LintSeverity.Error);
        var warnings = report.Findings.Count(f => f.Severity == LintSeverity.Warning);
        var notes = report.Findings.Count(f => f.Severity == LintSeverity.Note);
        console.WriteLine($"{errors} error(s), {warnings} warning(s), {notes} note(s); {report.Allowed.Count} allowed, {report.Blocking.Count} blocking.");
        if (report.Blocking.Count > 0)
            console.WriteLine("'upgrade' refuses to run while a blocking finding is left: use the safe alternative, or allow it with a reason " +
                "(op.Allow(\"RT###\", \"reason\") in C#, '-- retort:allow RT### reason' in SQL, or --allow RT### for one run).");
    }

    private static string Label(LintFinding f) => f.IsAllowed ? $"{LintJson.Level(f.Severity)} (allowed)" : LintJson.Level(f.Severity);

    private static string Severity(LintFinding f)
    {
        var colour = f.IsAllowed ? "grey" : f.Severity switch { LintSeverity.Error => "red", LintSeverity.Warning => "yellow", _ => "blue" };
        return $"[{colour}]{Markup.Escape(Label(f))}[/]";
    }

    private static string Place(LintFinding f)
    {
        var source = f.Source is null ? "" : Path.GetFileName(f.Source) + (f.Line is { } line ? $":{line}" : "");
        var what = f.Statement is { } s ? OneLine(s) : f.Operation is { } o ? $"operation {f.OperationIndex + 1}: {o}" : "";
        return string.Join(", ", new[] { source, what }.Where(p => p.Length > 0));
    }

    private static string Detail(LintFinding f)
    {
        var lines = new List<string> { f.Message };
        if (f.Estimate is { } estimate) lines.Add("Estimate: " + estimate);
        if (f.Rule.SafeAlternative.Length > 0) lines.Add("Instead: " + f.Rule.SafeAlternative);
        if (f.AllowedReason is { } reason) lines.Add("Allowed: " + reason);
        return string.Join('\n', lines);
    }

    private static string OneLine(string sql)
    {
        var text = string.Join(' ', sql.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return text.Length > 70 ? text[..67] + "..." : text;
    }
}

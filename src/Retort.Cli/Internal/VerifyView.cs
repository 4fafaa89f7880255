using Retort.Runner.Linting;
using Spectre.Console;

namespace Retort.Cli.Internal;

/// <summary>How <c>lint --verify</c> is printed for people: per statement, the locks and rewrites the shadow showed and each claim's verdict.</summary>
internal static class VerifyView
{
    public static void Write(IAnsiConsole console, LintVerification verification)
    {
        console.WriteLine();
        console.WriteLine($"Verified on {verification.Shadow} (schema only, no rows): {verification.Statements.Count} statement(s), " +
            $"{verification.Differences.Count} claim(s) the server disagreed with.");
        var ansi = console.Profile.Capabilities.Ansi;
        foreach (var s in verification.Statements)
        {
            console.WriteLine($"  {s.Revision}, operation {s.OperationIndex + 1}: {OneLine(s.Sql.Length > 0 ? s.Sql : s.Operation)}");
            if (s.Skipped is { } skipped) console.WriteLine($"    skipped: {skipped}");
            if (s.Error is { } error) console.WriteLine($"    FAILED: {OneLine(error)}");
            if (s.Observed is { } observed)
            {
                if (observed.Relations.Count == 0) console.WriteLine("    observed: no lock on a user table");
                foreach (var r in observed.Relations)
                    console.WriteLine($"    observed: {r.Schema}.{r.Name}: {(r.Modes.Count == 0 ? "no lock" : string.Join(", ", r.Modes))}" +
                        $"{(r.Rewritten ? ", rewritten" : "")}{(observed.InTransaction ? "" : " (outside a transaction: the first strong lock it waited for)")}");
            }
            foreach (var c in s.Claims)
            {
                var verdict = c.Agrees ? "agree" : "differs";
                var text = $"    {c.Finding.Rule.Id} claims {c.Finding.Rule.Lock} on {c.Relation}{(c.Finding.Rule.Rewrites ? ", rewrite" : "")}: {verdict}" +
                    (c.Difference is { } d ? $" ({d})" : "");
                if (ansi) console.MarkupLine(c.Agrees ? $"[green]{Markup.Escape(text)}[/]" : $"[red]{Markup.Escape(text)}[/]");
                else console.WriteLine(text);
            }
        }
        if (verification.Failure is { } failure) console.WriteLine("Verify stopped: " + failure);
    }

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length > 100 ? line[..97] + "..." : line;
    }
}

using System.Globalization;
using Retort.Revisions;
using Retort.Runner;
using Spectre.Console;

namespace Retort.Cli.Internal;

/// <summary>
/// What <c>upgrade</c> prints: a line per revision and, for batched data steps, a Spectre.Console progress bar per
/// step on a terminal (rows done of the estimate, rows per second, ETA), or on redirected output a summary line
/// per step plus a progress line every few seconds for long steps.
/// </summary>
internal sealed class UpgradeView(IAnsiConsole console, Func<RevisionInfo, bool, string> step)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);
    private readonly Dictionary<(string, int), ProgressTask> _bars = [];
    private readonly Dictionary<(string, int), DateTime> _logged = [];
    private ProgressContext? _progress;
    private bool _lineOpen;

    private bool Live => console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;

    // Redirected output takes the lines as plain text: rendering markup costs more than the DDL of a small revision,
    // and a run of many revisions prints two pieces per revision.
    private TextWriter? Plain => console.Profile.Capabilities.Ansi ? null : console.Profile.Out.Writer;

    public void Attach(Migrator migrator, CliLogger logger)
    {
        migrator.RevisionStarting += Starting;
        migrator.RevisionCompleted += Completed;
        migrator.DataProgressReported += Report;
        logger.Sink = (_, line) => Log(logger, line);
    }

    // A warning in the middle of a run: above a live progress display, or after the open "Running …" line on a
    // terminal, where standard error shares the screen with it. Redirected, the two streams stay apart.
    private void Log(CliLogger logger, string line)
    {
        if (_progress is not null)
        {
            console.MarkupLine("[yellow]" + Markup.Escape(line) + "[/]");
            return;
        }
        if (_lineOpen && console.Profile.Capabilities.Ansi)
        {
            console.WriteLine();
            _lineOpen = false;
        }
        logger.Write(line);
    }

    /// <summary>Runs the upgrade inside a live progress display on a terminal, plainly otherwise.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> run) => !Live ? run() : console.Progress()
        .AutoClear(false).HideCompleted(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new PercentageColumn(), new RemainingTimeColumn())
        .StartAsync(async ctx => { _progress = ctx; return await run(); });

    /// <summary>Ends the open "Running …" line of a revision that failed or was cancelled, before the error is printed.</summary>
    public void Failed()
    {
        if (!_lineOpen) return;
        console.MarkupLine(" [red]failed[/]");
        _lineOpen = false;
    }

    private void Starting(RevisionInfo info, string direction)
    {
        if (Plain is { } plain && _progress is null)
        {
            plain.Write($"Running {direction} {step(info, direction == "upgrade")}{(info.Message.Length > 0 ? ", " + info.Message : "")} ...");
            _lineOpen = true;
            return;
        }
        var text = $"Running {direction} [bold]{Markup.Escape(step(info, direction == "upgrade"))}[/]{Markup.Escape(info.Message.Length > 0 ? ", " + info.Message : "")} ...";
        if (_progress is not null) { console.MarkupLine(text); return; }
        console.Markup(text);
        _lineOpen = true;
    }

    private void Completed(RevisionRun run)
    {
        if (Plain is { } plain && _progress is null)
        {
            plain.WriteLine(run.Skipped ? " skipped (applied by another run)" : $" done ({Done(run)})");
            _lineOpen = false;
            return;
        }
        if (_progress is not null && !_lineOpen) console.Markup("  ");
        console.MarkupLine(run.Skipped
            ? " [yellow]skipped[/] (applied by another run)"
            : $" [green]done[/] ({Done(run)})");
        _lineOpen = false;
    }

    private void Report(DataProgress p)
    {
        var key = (p.Revision.Id, p.Step);
        var text = $"{p.Description}: {Rows(p.RowsDone)}{(p.TotalEstimate is { } t ? " of ~" + Rows(t) : "")} rows, {Rows((long)p.RowsPerSecond)} rows/s" +
                   (p.Eta is { } eta ? $", ETA {eta:hh\\:mm\\:ss}" : "") + (p.Resumed ? " (resumed)" : "");
        if (_progress is not null)
        {
            if (!_bars.TryGetValue(key, out var bar)) _bars[key] = bar = _progress.AddTask(Markup.Escape(p.Description), maxValue: Math.Max(1, p.TotalEstimate ?? p.RowsDone));
            bar.MaxValue = Math.Max(1, Math.Max(p.TotalEstimate ?? 0, p.RowsDone));
            bar.Value = p.RowsDone;
            // Short enough for an 80-column terminal next to the bar, percentage and time columns.
            var name = p.Description.Length > 28 ? p.Description[..27] + "…" : p.Description;
            bar.Description = Markup.Escape($"{name} {Rows(p.RowsDone)}/{(p.TotalEstimate is { } est ? Rows(est) : "?")} rows {Rows((long)p.RowsPerSecond)}/s");
            if (p.Finished) bar.StopTask();
            return;
        }
        // Redirected output: the revision's "done" line carries the totals; long steps also log every few seconds.
        var now = DateTime.UtcNow;
        if (p.Finished) return;
        if (!_logged.TryGetValue(key, out var last)) { _logged[key] = now; return; }
        if (now - last < LogEvery) return;
        _logged[key] = now;
        if (_lineOpen) { console.WriteLine(); _lineOpen = false; }
        console.WriteLine("  " + text);
    }

    private static string Done(RevisionRun run) =>
        $"{run.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms{(run.Rows is { } rows ? ", " + Rows(rows) + " rows" : "")}";

    private static string Rows(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

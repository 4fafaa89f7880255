using System.Globalization;
using Retort.Fleet;
using Spectre.Console;

namespace Retort.Cli.Internal;

/// <summary>
/// What <c>fleet upgrade|downgrade</c> prints: on a terminal one live progress line (done, failed, running, ETA); redirected,
/// a line per finished target; at the end a summary table and the targets that did not finish.
/// </summary>
internal sealed class FleetView(IAnsiConsole console) : IProgress<FleetProgress>
{
    private readonly Lock _sync = new();
    private ProgressTask? _bar;

    private bool Live => console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;

    public void Attach(FleetMigrator fleet)
    {
        if (!Live) fleet.TargetCompleted += Line;
    }

    public Task<T> RunAsync<T>(Func<Task<T>> run) => !Live ? run() : console.Progress()
        .AutoClear(false).HideCompleted(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new PercentageColumn())
        .StartAsync(async ctx =>
        {
            _bar = ctx.AddTask("fleet", maxValue: 1);
            return await run();
        });

    public void Report(FleetProgress value)
    {
        if (_bar is null) return;
        lock (_sync)
        {
            _bar.MaxValue = Math.Max(1, value.Total - value.Skipped);
            _bar.Value = value.Done + value.Failed;
            _bar.Description = Markup.Escape($"{value.Done} done, {value.Failed} failed, {value.Running} running, {value.Pending} pending" +
                (value.Eta is { } eta ? $", ETA {eta:hh\\:mm\\:ss}" : ""));
        }
    }

    private void Line(FleetTargetResult r)
    {
        var text = r.State == FleetTargetState.Done
            ? $"done    {r.Target.DisplayName}: {Heads(r.Before)} -> {Heads(r.After)} ({Ms(r.Duration)})"
            : $"failed  {r.Target.DisplayName}: {OneLine(r.Error)}";
        lock (_sync) console.WriteLine(text);
    }

    /// <summary>The summary: counts by state, then the targets that did not end done (all of them when there are few).</summary>
    public static void Summary(IAnsiConsole console, FleetResult result)
    {
        var already = result.Targets.Count(t => t.State == FleetTargetState.Skipped && t.Error is null);
        var counts = ConsoleFactory.Table(console, "state", "targets");
        counts.AddRow("done", result.Done.ToString(CultureInfo.InvariantCulture));
        counts.AddRow("failed", result.Failed.ToString(CultureInfo.InvariantCulture));
        counts.AddRow("skipped (already done)", already.ToString(CultureInfo.InvariantCulture));
        counts.AddRow("not started", (result.Skipped - already).ToString(CultureInfo.InvariantCulture));
        counts.AddRow("total", result.Targets.Count.ToString(CultureInfo.InvariantCulture));
        console.Write(counts);
        var rows = result.Targets.Where(t => t.State == FleetTargetState.Failed || (t.State != FleetTargetState.Done && t.Error is not null)).ToList();
        if (rows.Count > 0)
        {
            var table = ConsoleFactory.Table(console, "target", "state", "now at", "error");
            foreach (var r in rows.Take(50))
                table.AddRow(Markup.Escape(r.Target.DisplayName), r.State == FleetTargetState.Failed ? "failed" : "not started", Markup.Escape(Heads(r.After)),
                    Markup.Escape(OneLine(r.Error)));
            console.Write(table);
            if (rows.Count > 50) console.WriteLine($"... and {rows.Count - 50} more (retort fleet status lists every target).");
        }
        var what = $"Fleet {result.Operation}{(result.Target is { } t ? " to " + t : "")}";
        console.WriteLine(result.Succeeded
            ? $"{what}: every target is done ({result.Done} now, {already} already) in {result.Elapsed.TotalSeconds:0.0} s."
            : result.Cancelled ? $"{what} was cancelled: {result.Done} done, {result.Failed} failed. Run the same command again to continue."
            : result.StoppedReason is { } reason ? $"{what} stopped: {reason}. Fix the failed targets and run the same command again; done targets are skipped."
            : $"{what}: {result.Failed} target(s) failed. Fix them and run the same command again; done targets are skipped.");
    }

    public static string Heads(IReadOnlyList<string> heads) => heads.Count == 0 ? "base" : string.Join(",", heads);

    private static string Ms(TimeSpan d) => d.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    public static string OneLine(string? text) => text is null ? "" : string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}

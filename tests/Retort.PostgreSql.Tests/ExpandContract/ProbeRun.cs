using System.Diagnostics;
using System.Text.RegularExpressions;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>
/// One run of the expand/contract probe (<c>tests/Retort.ExpandContractProbe</c>) as a separate process: to its end, or
/// held at its N-th logged event and killed there with its whole process tree (kill -9).
/// </summary>
internal sealed partial record ProbeRun(string Command, int? HoldAt, int? AfterBatch, bool Killed, int ExitCode, string Out, string Error)
{
    /// <summary>How long a run may take before it counts as stuck (scaled by RETORT_TEST_TIMEOUT_SCALE).</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>Events the run logged (to its end, or up to the hold point).</summary>
    public int Events => EventLine().Matches(Out).Count;

    /// <summary>The event the run was held and killed at, for messages.</summary>
    public string KilledAt => Killed ? EventLine().Matches(Out).LastOrDefault()?.Value ?? "(no event)" : "(not killed: it ended first)";

    /// <summary>Progress reports of batches that committed (a report follows the batch's commit).</summary>
    public int Batches => ProgressLine().Matches(Out).Count;

    /// <summary>The batch reports, in order.</summary>
    public IReadOnlyList<BatchReport> Progress => ProgressLine().Matches(Out).Select(m => new BatchReport(
        int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
        m.Groups[3].Value == "True", m.Groups[4].Value == "True")).ToList();

    /// <summary>One batch report of the probe: the step, rows walked so far (earlier runs included), resumed, finished.</summary>
    public sealed record BatchReport(int Step, long Done, bool Resumed, bool Finished);

    /// <summary>One line for failure messages.</summary>
    public string Describe() => $"{Command}{(HoldAt is { } n ? $" held at event {n}" : AfterBatch is { } k ? $" held after batch {k}" : "")}: " +
        (Killed ? $"killed at {KilledAt}" : FoundDone ? $"refused: {Error.Trim()}" : $"exit {ExitCode}, {Events} events, {Batches} batches");

    private static string ProbePath()
    {
        var dir = AppContext.BaseDirectory.Replace("Retort.PostgreSql.Tests", "Retort.ExpandContractProbe", StringComparison.Ordinal);
        var path = Path.Combine(dir, "Retort.ExpandContractProbe.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the expand/contract probe is missing.", path);
    }

    private static ProcessStartInfo Info(string url, string command, string revision, int? holdAt, int? afterBatch = null)
    {
        var info = new ProcessStartInfo("dotnet");
        if (holdAt is { } n) info.Environment["RETORT_PROBE_HOLD_AT"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (afterBatch is { } k) info.Environment["RETORT_PROBE_HOLD_AFTER_BATCH"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.ArgumentList.Add(ProbePath());
        info.ArgumentList.Add(url);
        info.ArgumentList.Add(command);
        info.ArgumentList.Add(revision);
        return info;
    }

    /// <summary>True when the run refused, saying its work was done already (a kill landed after its commit).</summary>
    public bool FoundDone => ExitCode == 1;

    /// <summary>
    /// Runs <paramref name="command"/> to its end; fails the test (with <paramref name="context"/>) when it fails, unless
    /// it refused saying <paramref name="done"/> (a command whose work an earlier, killed run had committed).
    /// </summary>
    public static async Task<ProbeRun> ToEndAsync(string url, string command, string revision, string context, string? done = null)
    {
        using var p = TestProcess.Start(Info(url, command, revision, null));
        var (code, output, error) = await p.WaitAsync(Limit);
        Check(command, null, code, output, error, context, done);
        return new ProbeRun(command, null, null, false, code, output, error);
    }

    private static void Check(string command, int? holdAt, int code, string output, string error, string context, string? done) =>
        Assert.True(code == 0 || (code == 1 && done is not null && error.Contains(done, StringComparison.Ordinal)),
            $"{context}: '{command}'{(holdAt is { } n ? $" (to be killed at event {n})" : "")} failed (exit {code}):\n{error}\n{Tail(output)}");

    /// <summary>
    /// Runs <paramref name="command"/> held at its <paramref name="holdAt"/>-th logged event and kills it there with
    /// its process tree. A run that ends before that event is not killed (and must have succeeded, or refused saying
    /// <paramref name="done"/>).
    /// </summary>
    public static Task<ProbeRun> KilledAtAsync(string url, string command, string revision, int holdAt, string context, string? done = null) =>
        KilledAsync(url, command, revision, holdAt, null, context, done);

    /// <summary>
    /// Runs <paramref name="command"/> until the <paramref name="batch"/>-th batch of its backfill has committed (with
    /// more to come) and kills it there with its process tree: a kill mid-backfill whatever batch sizes the machine's
    /// speed leads to.
    /// </summary>
    public static async Task<ProbeRun> KilledAfterBatchAsync(string url, string command, string revision, int batch, string context)
    {
        var run = await KilledAsync(url, command, revision, null, batch, context, null);
        Assert.True(run.Killed, $"{context}: '{command}' ended before its backfill's batch {batch}: {run.Describe()}");
        return run;
    }

    private static async Task<ProbeRun> KilledAsync(string url, string command, string revision, int? holdAt, int? afterBatch, string context, string? done)
    {
        using var p = TestProcess.Start(Info(url, command, revision, holdAt, afterBatch));
        var limit = TestProcess.Scaled(Limit);
        var watch = Stopwatch.StartNew();
        while (!p.Out.Contains("holding for the kill", StringComparison.Ordinal))
        {
            if (p.Process.HasExited)
            {
                var (code, output, error) = await p.WaitAsync(Limit);
                Check(command, holdAt, code, output, error, context, done);
                return new ProbeRun(command, holdAt, afterBatch, false, code, output, error);
            }
            if (watch.Elapsed > limit)
            {
                p.Kill();
                Assert.Fail($"{context}: '{command}' never reached {(holdAt is { } n ? $"event {n}" : $"batch {afterBatch}")}: timed out after {limit.TotalSeconds:0} s; " +
                    $"it was killed with its children. Output so far:\n{p.Error}\n{Tail(p.Out)}");
            }
            await Task.Delay(10);
        }
        p.Kill();
        return new ProbeRun(command, holdAt, afterBatch, true, -9, p.Out, p.Error);
    }

    private static string Tail(string text) => text.Length > 4000 ? "…" + text[^4000..] : text;

    [GeneratedRegex(@"^event \d+ [^\n]*", RegexOptions.Multiline)]
    private static partial Regex EventLine();

    [GeneratedRegex(@"^progress step=(\d+) done=(\d+) written=\d+ resumed=(\w+) finished=(\w+)", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();
}

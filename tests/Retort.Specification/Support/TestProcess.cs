using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Retort.Specification.Support;

/// <summary>
/// A child process a test starts and waits for. Its output is collected as it arrives, so a test that gives up
/// can show what the process printed so far. Every wait has a limit, scaled by <c>RETORT_TEST_TIMEOUT_SCALE</c>
/// for slow or loaded machines; at the limit the whole process tree is killed (no build or program is left
/// running in a deleted folder) and the test fails with "timed out after N s".
/// </summary>
public sealed class TestProcess : IDisposable
{
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _outClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestProcess(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        Description = string.Join(' ', new[] { Path.GetFileName(info.FileName) }.Concat(info.ArgumentList.Select(a => Path.IsPathRooted(a) ? Path.GetFileName(a) : a)));
        Process = new Process { StartInfo = info };
        Process.OutputDataReceived += (_, e) => Append(_out, _outClosed, e.Data);
        Process.ErrorDataReceived += (_, e) => Append(_error, _errorClosed, e.Data);
        Process.Start();
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    /// <summary>The factor every limit is multiplied by: <c>RETORT_TEST_TIMEOUT_SCALE</c> (a positive number), 1 by default.</summary>
    public static double Scale { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("RETORT_TEST_TIMEOUT_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1;

    /// <summary><paramref name="limit"/> scaled by <see cref="Scale"/>.</summary>
    public static TimeSpan Scaled(TimeSpan limit) => limit * Scale;

    /// <summary>The process.</summary>
    public Process Process { get; }

    /// <summary>The command line, shortened, for messages.</summary>
    public string Description { get; }

    /// <summary>Standard output so far.</summary>
    public string Out { get { lock (_out) return _out.ToString(); } }

    /// <summary>Standard error so far.</summary>
    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>Starts the process with its output collected.</summary>
    public static TestProcess Start(ProcessStartInfo info) => new(info);

    /// <summary>Runs the process to its end within <paramref name="limit"/> (scaled); returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(ProcessStartInfo info, TimeSpan limit)
    {
        using var process = Start(info);
        return await process.WaitAsync(limit);
    }

    /// <summary>
    /// Waits for the process to end within <paramref name="limit"/> (scaled) and for its output to be read; at the
    /// limit kills the whole process tree and fails the test with the output so far.
    /// </summary>
    public async Task<(int ExitCode, string Out, string Error)> WaitAsync(TimeSpan limit)
    {
        var scaled = Scaled(limit);
        using var timeout = new CancellationTokenSource(scaled);
        try
        {
            await Process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(_outClosed.Task, _errorClosed.Task).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Kill();
            Assert.Fail($"'{Description}' timed out after {scaled.TotalSeconds:0} s (set RETORT_TEST_TIMEOUT_SCALE to allow more on a slow machine); " +
                $"it was killed with its children. Output so far:\n--- out\n{Out}\n--- err\n{Error}");
        }
        return (Process.ExitCode, Out, Error);
    }

    /// <summary>Kills the process and every process it started, and waits for them to go.</summary>
    public void Kill()
    {
        try
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }
    }

    /// <summary>Kills the process tree if it still runs.</summary>
    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }

    private static void Append(StringBuilder to, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (to) to.Append(line).Append('\n');
    }
}

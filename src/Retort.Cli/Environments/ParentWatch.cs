using System.Globalization;
using System.Runtime.InteropServices;

namespace Retort.Cli.Environments;

/// <summary>
/// An environment's program that runs a command handed over by a natively compiled retort stops when that retort
/// is gone, even when it was killed with SIGKILL and could pass nothing on: it looks at its parent process every
/// quarter second and, once the retort that started it is no longer there, sends itself SIGTERM, which stops the
/// command as a signal passed on by the retort would have (a data step after its current batch, a revision in
/// progress rolled back).
/// </summary>
internal sealed class ParentWatch : IDisposable
{
    private const int SigTerm = 15;
    private const int NoSuchProcess = 3; // ESRCH
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Timer _timer;

    private ParentWatch(Func<bool> parentIsGone)
    {
        _timer = new Timer(_ =>
        {
            if (!parentIsGone()) return;
            _timer!.Dispose();
            Stop();
        }, null, Interval, Interval);
    }

    /// <summary>
    /// Starts watching the process named by <see cref="EnvironmentProgram.ParentProcessVariable"/>, when this
    /// process was started to run a handed-over command; otherwise returns null.
    /// </summary>
    public static ParentWatch? Start()
    {
        if (OperatingSystem.IsWindows()) return null;
        if (Environment.GetEnvironmentVariable(EnvironmentProgram.ParentProcessVariable) is not { } text
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
            return null;
        // Processes this one starts are not handed-over commands.
        Environment.SetEnvironmentVariable(EnvironmentProgram.ParentProcessVariable, null);
        if (GetParentProcessId() == parent)
            // Started directly by the retort (the dotnet host runs the program in its own process): when the retort
            // dies, the system gives this process another parent at once.
            return new ParentWatch(() => GetParentProcessId() != parent);
        if (!Exists(parent))
        {
            Stop();
            return null;
        }
        // Started through something in between (a wrapper script around dotnet): watch the retort itself.
        return new ParentWatch(() => !Exists(parent));
    }

    private static bool Exists(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;

    private static void Stop() => _ = Kill(Environment.ProcessId, SigTerm);

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentProcessId();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

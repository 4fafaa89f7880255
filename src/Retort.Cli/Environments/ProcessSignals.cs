using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Retort.Cli.Environments;

/// <summary>Asks a child process to stop as a terminal or a service manager would: SIGTERM on Unix.</summary>
internal static class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM to <paramref name="process"/> (Windows, which has no such signal: ends it); nothing when it has exited.</summary>
    public static void Terminate(Process process)
    {
        try
        {
            if (process.HasExited) return;
            if (OperatingSystem.IsWindows()) process.Kill();
            else _ = Kill(process.Id, SigTerm);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It exited meanwhile: nothing left to stop.
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

using System.Diagnostics;
using Retort.Specification.Support;

namespace Retort.Sqlite.Tests.Support;

/// <summary>Runs an offline script with the real <c>sqlite3</c> shell, as a user would (<c>-bail</c>: stop at the first error).</summary>
public static class Sqlite3
{
    public const string Path = "/usr/bin/sqlite3";

    /// <summary>Generous (and scaled by RETORT_TEST_TIMEOUT_SCALE): the shell only waits for the disk, but the machine may be busy.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>Runs <paramref name="script"/> against <paramref name="databaseFile"/>; returns the exit code and standard error.</summary>
    public static async Task<(int ExitCode, string Error)> RunAsync(string databaseFile, string script)
    {
        Assert.True(File.Exists(Path), "sqlite3 is needed at " + Path + " (Debian package sqlite3).");
        var scriptFile = databaseFile + "." + Guid.NewGuid().ToString("N")[..8] + ".sql";
        await File.WriteAllTextAsync(scriptFile, script);
        var start = new ProcessStartInfo(Path);
        foreach (var a in new[] { "-bail", databaseFile, ".read " + scriptFile }) start.ArgumentList.Add(a);
        var (code, _, error) = await TestProcess.RunAsync(start, Limit);
        return (code, error);
    }

    /// <summary>Runs the script and asserts that sqlite3 succeeded.</summary>
    public static async Task RunOkAsync(string databaseFile, string script)
    {
        var (code, error) = await RunAsync(databaseFile, script);
        Assert.True(code == 0, $"sqlite3 failed (exit {code}): {error}\n--- script\n{script}");
    }
}

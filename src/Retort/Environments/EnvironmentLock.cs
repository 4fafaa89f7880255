using System.Diagnostics;

namespace Retort.Environments;

/// <summary>
/// A lock file that keeps commands of several processes from doing one thing at the same time in one environment
/// (building its project, writing a new revision). Held as an exclusive open of the file, which the operating
/// system releases when the process ends, however it ends: a lock is never left behind by a killed command.
/// </summary>
public sealed class EnvironmentLock : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private readonly FileStream _file;

    private EnvironmentLock(FileStream file) => _file = file;

    /// <summary>
    /// Takes the lock <paramref name="path"/>, waiting while another process holds it (saying so once through
    /// <paramref name="log"/>), for at most ten minutes.
    /// </summary>
    /// <param name="path">The lock file; its folder is created when missing.</param>
    /// <param name="doing">What the holder does, for messages ("building Migrations.csproj").</param>
    /// <param name="log">Where the waiting message goes.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="RetortException">Another process held the lock for the whole wait.</exception>
    public static async Task<EnvironmentLock> AcquireAsync(string path, string doing, Action<string>? log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var watch = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                return new EnvironmentLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Held by another command (or by another run of this one in the same process).
                if (watch.Elapsed > Limit)
                    throw new RetortException($"Another retort command has been {doing} for {Limit.TotalMinutes:0} minutes (it holds {path}). " +
                        "Wait for it to finish and run this command again; if no retort command is running, delete that file.");
                if (!told) log?.Invoke($"Waiting for another retort command to finish {doing}...");
                told = true;
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public ValueTask DisposeAsync() => _file.DisposeAsync();
}

namespace Retort.Dialects;

/// <summary>
/// Watches one try of <see cref="RetryPolicy.RunAsync{T}"/> from outside its session (see
/// <see cref="RetryPolicy.WatchForBlockers"/>): while the try waits for a lock, it notes which sessions block it, so
/// a lock failure can name them. It holds no lock itself. Disposing it stops the watch.
/// </summary>
public abstract class LockWaitWatch : IAsyncDisposable
{
    /// <summary>The sessions last seen blocking the try, described for people, or null when none was seen.</summary>
    public abstract string? Blockers { get; }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}

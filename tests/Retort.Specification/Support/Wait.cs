using System.Diagnostics;

namespace Retort.Specification.Support;

/// <summary>
/// Waits for something a test set in motion (a session waiting for a lock, a checkpoint, a line of output) by
/// watching for it, never by sleeping a fixed time and hoping. The limit only keeps a stuck test from hanging the
/// suite: it is generous, scaled by RETORT_TEST_TIMEOUT_SCALE, and at the limit the test fails saying
/// "timed out after N s waiting for …".
/// </summary>
public static class Wait
{
    /// <summary>The limit when none is given (before scaling).</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Returns once <paramref name="condition"/> holds. Fails when <paramref name="running"/> (the work that should bring
    /// it about) ends first, or at the limit.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Task? running = null, TimeSpan? limit = null)
    {
        var scaled = TestProcess.Scaled(limit ?? DefaultLimit);
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (running is { IsCompleted: true })
            {
                await running; // surfaces its failure
                Assert.Fail($"it ended before {what}");
            }
            if (watch.Elapsed > scaled)
                Assert.Fail($"timed out after {scaled.TotalSeconds:0} s waiting for {what} (set RETORT_TEST_TIMEOUT_SCALE to allow more on a slow machine)");
            await Task.Delay(20);
        }
    }

    /// <summary>Returns once <paramref name="condition"/> holds (see the asynchronous overload).</summary>
    public static Task UntilAsync(Func<bool> condition, string what, Task? running = null, TimeSpan? limit = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, running, limit);
}

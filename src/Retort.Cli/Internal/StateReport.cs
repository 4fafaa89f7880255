using Retort.Runner;

namespace Retort.Cli.Internal;

/// <summary>What <c>current</c>, <c>history -v</c> and <c>check</c> say about the version table and edited revisions.</summary>
internal static class StateReport
{
    /// <summary>
    /// The version table's contradiction with the history, or the edited revisions, as the message an upgrade would
    /// refuse with; null when an upgrade would find nothing wrong.
    /// </summary>
    public static async Task<string?> ProblemAsync(Migrator migrator, CancellationToken ct)
    {
        try
        {
            await migrator.ValidateAsync(ct);
            return null;
        }
        catch (Exception e) when (e is VersionTableMismatchException or EditedRevisionsException)
        {
            return e.Message;
        }
    }

    /// <summary>Writes the problem, if any, as a warning on the error stream (the command itself still succeeds).</summary>
    public static async Task WarnAsync(CliContext ctx, Migrator migrator, CancellationToken ct)
    {
        if (await ProblemAsync(migrator, ct) is not { } problem) return;
        await ctx.Setup.Error.WriteLineAsync("warning: " + problem.Replace(" Nothing was changed.", "", StringComparison.Ordinal));
        await ctx.Setup.Error.FlushAsync(ct);
    }
}

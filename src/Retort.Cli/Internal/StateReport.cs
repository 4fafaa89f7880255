namespace Retort.Cli.Internal;

/// <summary>How <c>current</c> reports what an upgrade would refuse: a warning, while the command itself succeeds.</summary>
internal static class StateReport
{
    /// <summary>Writes the problem, if any, as a warning on the error stream.</summary>
    public static async Task WarnAsync(CliContext ctx, string? problem, CancellationToken ct)
    {
        if (problem is null) return;
        await ctx.Setup.Error.WriteLineAsync("warning: " + problem.Replace(" Nothing was changed.", "", StringComparison.Ordinal));
        await ctx.Setup.Error.FlushAsync(ct);
    }
}

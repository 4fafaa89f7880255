using Retort.Runner.Linting;

namespace Retort.Commands;

public sealed partial class MigrationCommands
{
    /// <summary>
    /// Lints the pending revisions as the gate in <c>upgrade</c> does, without running anything: with
    /// <see cref="LintArguments.UseDatabase"/> the revisions an upgrade of that database would run, with its live
    /// statistics; otherwise, without touching any database, every revision from base (or from
    /// <see cref="LintArguments.From"/>) to the target, for the dialect the configured URL names.
    /// </summary>
    /// <exception cref="RetortException">Could not lint: no dialect known, a bad target, a broken revision or allowance, an unreachable database.</exception>
    public async Task<LintResult> LintAsync(LintArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.UseDatabase && arguments.From is not null)
            throw new RetortException("--from and --url do not go together: with a database, lint starts where the database is. " +
                "Leave out --url to lint from --from without a database, or leave out --from.");
        if (Config.Url is null && Config.Environment?.Config.Url is null)
            throw new RetortException("Lint needs to know which database product the revisions are for, and no URL is configured. Put \"url\" in " +
                "retort.json (without --url it only names the dialect; nothing is opened), or pass --url to lint against that database.");
        // Opening does not connect: without UseDatabase the URL only says which database product the rules are for.
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
        var options = new LintOptions { Allow = arguments.Allow };
        var report = arguments.UseDatabase
            ? await migrator.LintLiveAsync(arguments.Target, options, cancellationToken)
            : migrator.Lint(arguments.Target, arguments.From, options);
        return new LintResult(report, arguments.UseDatabase ? database.DisplayName : null);
    }
}

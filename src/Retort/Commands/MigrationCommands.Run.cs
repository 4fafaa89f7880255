using System.Data.Common;
using Retort.Commands.Internal;
using Retort.Runner;

namespace Retort.Commands;

public sealed partial class MigrationCommands
{
    /// <summary>
    /// Upgrades the database to <paramref name="target"/> (<c>head</c>, <c>heads</c>, an id or prefix, <c>+N</c>,
    /// <c>label@head</c>), one transaction per revision unless <paramref name="singleTransaction"/> (or the
    /// environment's config) says otherwise.
    /// </summary>
    /// <exception cref="RunStoppedException">The run stopped on an error; its <see cref="RunStoppedException.Outcome"/> says what it kept.</exception>
    /// <exception cref="RunCancelledException">The run was cancelled; likewise.</exception>
    /// <exception cref="RetortException">Before anything ran: bad target, broken revision, unreachable database, …</exception>
    public Task<RunResult> UpgradeAsync(string target = "head", bool? singleTransaction = null, CancellationToken cancellationToken = default) =>
        RunAsync(up: true, target, singleTransaction, cancellationToken);

    /// <summary>Downgrades the database to <paramref name="target"/> (<c>base</c>, an id or prefix, <c>-N</c>, <c>label@-N</c>).</summary>
    /// <exception cref="RunStoppedException">The run stopped on an error; its <see cref="RunStoppedException.Outcome"/> says what it kept.</exception>
    /// <exception cref="RunCancelledException">The run was cancelled; likewise.</exception>
    /// <exception cref="RetortException">Before anything ran: bad target, irreversible revision, unreachable database, …</exception>
    public Task<RunResult> DowngradeAsync(string target, bool? singleTransaction = null, CancellationToken cancellationToken = default) =>
        RunAsync(up: false, target, singleTransaction, cancellationToken);

    /// <summary>
    /// Writes the upgrade to <paramref name="range"/> (<c>head</c>, or <c>FROM:TO</c>) as a SQL script (offline
    /// mode, Alembic's <c>--sql</c>); the database is not touched. The script is rendered in full first, so a
    /// revision that cannot be rendered leaves nothing half-written on <paramref name="writer"/>.
    /// </summary>
    /// <exception cref="RetortException">A revision cannot be rendered offline, or the range is bad.</exception>
    public Task UpgradeScriptAsync(TextWriter writer, string range, bool? singleTransaction = null, CancellationToken cancellationToken = default) =>
        ScriptAsync(writer, up: true, range, singleTransaction, cancellationToken);

    /// <summary>Writes the downgrade over <paramref name="range"/> (<c>FROM:TO</c>, for example <c>head:base</c>) as a SQL script.</summary>
    /// <exception cref="RetortException">A revision cannot be rendered offline, or the range is bad.</exception>
    public Task DowngradeScriptAsync(TextWriter writer, string range, bool? singleTransaction = null, CancellationToken cancellationToken = default) =>
        ScriptAsync(writer, up: false, range, singleTransaction, cancellationToken);

    /// <summary>
    /// Records <paramref name="targets"/> as the database's revisions without running any migration (several for
    /// several branches); <paramref name="purge"/> empties the version table first, even when it names unknown revisions.
    /// </summary>
    public async Task<StampResult> StampAsync(IReadOnlyList<string> targets, bool purge = false, CancellationToken cancellationToken = default)
    {
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
        var heads = await migrator.StampAsync(targets, purge, cancellationToken);
        if (Config.AfterChange is { } after) await after(database, cancellationToken);
        return new StampResult(heads, migrator.Revisions);
    }

    /// <summary>
    /// Settles a partly applied revision (a data step or a step outside the transaction committed, then the run
    /// stopped): finish it from its checkpoints, undo it, or forget its progress rows after a repair by hand.
    /// </summary>
    public async Task<ResolveResult> ResolveAsync(string revision, ResolveAction action, CancellationToken cancellationToken = default)
    {
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
        RevisionRun? run = null;
        string id;
        switch (action)
        {
            case ResolveAction.Forget:
                id = await migrator.ForgetPartialAsync(revision, cancellationToken);
                break;
            case ResolveAction.Undo:
                run = await migrator.UndoPartialAsync(revision, cancellationToken);
                id = run.Revision.Id;
                break;
            case ResolveAction.Finish:
                run = await migrator.FinishPartialAsync(revision, cancellationToken);
                id = run.Revision.Id;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Finish, Undo or Forget.");
        }
        var heads = await migrator.GetCurrentAsync(cancellationToken);
        if (Config.AfterChange is { } after) await after(database, cancellationToken);
        return new ResolveResult(action, id, run, heads, migrator.Revisions);
    }

    private async Task<RunResult> RunAsync(bool up, string target, bool? singleTransaction, CancellationToken ct)
    {
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, singleTransaction, gate: up, ct);
        var tracker = new RunTracker(migrator);
        IReadOnlyList<RevisionRun> runs;
        try { runs = up ? await migrator.UpgradeAsync(target, ct) : await migrator.DowngradeAsync(target, ct); }
        catch (Exception e) when (e is RetortException or DbException or OperationCanceledException)
        {
            // What the run rolled back and what it kept, as the database now says.
            var cancelled = ct.IsCancellationRequested;
            var outcome = await tracker.DescribeAsync(database, up, e, cancelled);
            if (cancelled) throw new RunCancelledException(outcome, e, ct);
            throw new RunStoppedException(outcome, e);
        }
        var heads = await migrator.GetCurrentAsync(ct);
        if (Config.AfterChange is { } after) await after(database, ct);
        return new RunResult(up ? "upgrade" : "downgrade", runs, heads, migrator.Revisions);
    }

    private async Task ScriptAsync(TextWriter writer, bool up, string range, bool? singleTransaction, CancellationToken ct)
    {
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, singleTransaction, gate: up, ct);
        var script = new StringWriter();
        await migrator.WriteScriptAsync(script, up, range, ct);
        await writer.WriteAsync(script.ToString());
        await writer.FlushAsync(ct);
    }
}

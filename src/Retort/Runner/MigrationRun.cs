using Microsoft.Extensions.Logging;
using Retort.Dialects;
using Retort.Internal;
using Retort.Revisions;

namespace Retort.Runner;

/// <summary>
/// What one run of the runner shares between its strategy, the revision applier and the phased runner: the executor
/// (online or offline), the dialect's policy, Retort's own tables, the events, and the heads as far as they are known
/// without reading the version table again.
/// </summary>
internal sealed class MigrationRun
{
    public MigrationRun(MigrationExecutor executor, Dialect dialect, RevisionGraph graph, VersionStore versions, ProgressStore progress,
        RetortLoggers loggers, IReadOnlyCollection<string> heads, RunEvents events)
    {
        Executor = executor;
        Dialect = dialect;
        Graph = graph;
        Versions = versions;
        Progress = progress;
        Loggers = loggers;
        Events = events;
        // Offline, the script's heads are what the revisions before leave; online, only an exclusive migration lock keeps
        // every other run from changing them between two revisions.
        HeadsTrusted = executor.IsOffline || dialect.MigrationLock.IsExclusive;
        KnownHeads = HeadsTrusted ? heads : null;
        Applier = new RevisionApplier(this);
    }

    public MigrationExecutor Executor { get; }

    public Dialect Dialect { get; }

    public TransactionPolicy Policy => Dialect.Transactions;

    public RevisionGraph Graph { get; }

    public VersionStore Versions { get; }

    public ProgressStore Progress { get; }

    /// <summary>The runner's log (<see cref="RetortLogCategories.Runner"/>).</summary>
    public ILogger Logger => Loggers.Runner;

    /// <summary>The run's loggers, one per category.</summary>
    public RetortLoggers Loggers { get; }

    public RunEvents Events { get; }

    public RevisionApplier Applier { get; }

    /// <summary>True when heads read once stay true for the whole run (offline, or under an exclusive migration lock).</summary>
    public bool HeadsTrusted { get; }

    /// <summary>
    /// The heads as the previous revision left them, when nothing else can have changed them since (see
    /// <see cref="HeadsTrusted"/>, or inside the same write-locked transaction); null when they must be read again.
    /// </summary>
    public IReadOnlyCollection<string>? KnownHeads { get; set; }

    /// <summary>The heads: the known ones, or read from the version table (inside the current transaction).</summary>
    public async Task<IReadOnlyCollection<string>> CurrentHeadsAsync(CancellationToken ct) =>
        KnownHeads ??= await Versions.ReadHeadsAsync(Executor, ct, tablesExist: true);

    /// <summary>True when <paramref name="id"/> is applied at <paramref name="heads"/>.</summary>
    public bool IsApplied(string id, IReadOnlyCollection<string> heads) => heads.Any(h => Graph.IsAncestorOrSelf(id, h));

    /// <summary>A run that found its revision already applied (or undone) by another run.</summary>
    public static RevisionRun Skipped(RevisionPlan revision) => new(revision.Info, revision.Direction, TimeSpan.Zero, Skipped: true);

    /// <summary>Runs a step of <paramref name="revision"/>, turning what fails into an error that names the revision.</summary>
    public static async Task GuardAsync(RevisionInfo revision, bool up, Func<Task> step)
    {
        try { await step(); }
        catch (OfflineNotSupportedException e) when (e.RevisionId is null)
        {
            throw new OfflineNotSupportedException(revision.Id, e.Step, e.Reason);
        }
        catch (StatementFailedException e)
        {
            throw new MigrationFailedException(revision.Id, up ? "upgrade" : "downgrade", e.Statement.Sql, e.DatabaseMessage, e);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OfflineNotSupportedException or MigrationFailedException))
        {
            throw new MigrationFailedException(revision.Id, up ? "upgrade" : "downgrade", null, e.Message, e);
        }
    }

    /// <summary><see cref="GuardAsync"/> for one revision, in the shape the transaction protocol takes.</summary>
    public static Func<Func<Task>, Task> Guard(RevisionPlan revision) => step => GuardAsync(revision.Info, revision.Up, step);
}

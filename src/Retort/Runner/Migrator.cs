using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Retort.Connections;
using Retort.Dialects;
using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;

namespace Retort.Runner;

/// <summary>
/// Applies revisions to a database: upgrade, downgrade, stamp, current heads and history, online or as an
/// offline script. The one place that talks to the database during a migration.
/// </summary>
public sealed partial class Migrator
{
    private readonly Database _database;
    private readonly ILogger _logger;
    private readonly VersionStore _versions;
    private readonly ProgressStore _progress;

    /// <summary>Creates a migrator for a database and a set of revisions.</summary>
    public Migrator(Database database, RevisionSet revisions, MigratorOptions? options = null, ILogger? logger = null)
    {
        _database = database;
        Revisions = revisions;
        Options = options ?? new MigratorOptions();
        _logger = logger ?? NullLogger.Instance;
        _versions = new VersionStore(database.Dialect, Options);
        _progress = new ProgressStore(database.Dialect, Options);
    }

    /// <summary>The revisions.</summary>
    public RevisionSet Revisions { get; }

    /// <summary>The options.</summary>
    public MigratorOptions Options { get; }

    private RevisionGraph Graph => Revisions.Graph;

    /// <summary>Raised before a revision starts.</summary>
    public event Action<RevisionInfo, string>? RevisionStarting;

    /// <summary>
    /// Raised after a revision committed (or was skipped because another run applied it). On a dialect that
    /// shares a transaction across revisions (<see cref="Dialect.SharesTransactionAcrossRevisions"/>), raised
    /// when the revision's savepoint is released; its batch commits before the run returns.
    /// </summary>
    public event Action<RevisionRun>? RevisionCompleted;

    /// <summary>The ids currently in the version table (the applied heads).</summary>
    public async Task<IReadOnlyList<string>> GetCurrentHeadIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var executor = new OnlineExecutor(connection, _database.Dialect, _logger);
        return await _versions.ReadHeadsAsync(executor, cancellationToken);
    }

    /// <summary>The applied heads as revisions; fails when the table names a revision no script defines.</summary>
    public async Task<IReadOnlyList<RevisionInfo>> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        var heads = await GetCurrentHeadIdsAsync(cancellationToken);
        CheckKnown(heads);
        return heads.Select(Graph.Get).ToList();
    }

    /// <summary>The history table, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var executor = new OnlineExecutor(connection, _database.Dialect, _logger);
        return await _versions.ReadHistoryAsync(executor, cancellationToken);
    }

    /// <summary>Upgrades to <paramref name="target"/> (<c>head</c>, <c>heads</c>, an id, <c>+N</c>, <c>label@head</c>, …).</summary>
    public Task<IReadOnlyList<RevisionRun>> UpgradeAsync(string target = "head", CancellationToken cancellationToken = default) =>
        RunAsync(up: true, target, cancellationToken);

    /// <summary>Downgrades to <paramref name="target"/> (<c>base</c>, an id, <c>-N</c>, …).</summary>
    public Task<IReadOnlyList<RevisionRun>> DowngradeAsync(string target, CancellationToken cancellationToken = default) =>
        RunAsync(up: false, target, cancellationToken);

    private void CheckKnown(IEnumerable<string> heads)
    {
        var unknown = heads.Where(h => !Graph.TryGet(h, out _)).ToList();
        if (unknown.Count > 0) throw new UnknownAppliedRevisionException(unknown);
    }

    private IReadOnlyList<MigrationOperation> BuildPlan(Revision revision, bool up)
    {
        var op = new Op(Options.DefaultSchema);
        if (up) revision.Script.BuildUpgrade(op); else revision.Script.BuildDowngrade(op);
        return op.Plan;
    }

    private bool IsApplied(string id, IReadOnlyCollection<string> heads) => heads.Any(h => Graph.IsAncestorOrSelf(id, h));

    private async Task<IReadOnlyList<RevisionRun>> RunAsync(bool up, string target, CancellationToken ct)
    {
        var dialect = _database.Dialect;
        await using var connection = await _database.OpenConnectionAsync(ct);
        await using var migrationLock = await dialect.AcquireMigrationLockAsync(connection, Options.LockTimeout, _logger, ct);
        await using var executor = new OnlineExecutor(connection, dialect, _logger);

        // The pending list is read after the lock is held; every revision re-checks inside its own transaction.
        // Targets and plans are resolved before anything is written, so bad input leaves the database untouched.
        var (heads, _) = await ReadCheckedStateAsync(executor, up, ct);
        var path = up ? Graph.UpgradePath(heads, target) : Graph.DowngradePath(heads, target);
        var plans = path.Select(info => (info, plan: PlanFor(info, up))).ToList();
        var runs = new List<RevisionRun>();
        if (plans.Count == 0) return runs;
        var resumed = await CheckPartlyAppliedAsync(executor, path, up, ct);
        if (Options.SingleTransaction && plans.FirstOrDefault(p => p.plan.Any(o => o is DataOperation { Atomic: false })) is { info: { } batched })
            throw new RetortException($"Revision {batched.Id} has batched data steps, which commit batch by batch and cannot run inside the single transaction " +
                "that SingleTransaction asks for. Run without SingleTransaction (one transaction per revision and per batch). Nothing was changed.");
        CheckSingleTransaction(plans);
        // Disposed before the lock is released: a failed first run on a fresh database removes the tables it created.
        await using var created = await _versions.EnsureTablesForRunAsync(executor, _logger, ct);

        if (Options.SingleTransaction)
        {
            var all = plans.SelectMany(p => p.plan).ToList();
            foreach (var s in dialect.BeforeTransaction(all)) await executor.ExecuteAsync(s, ct);
            try
            {
                await executor.BeginAsync(ct);
                var current = (IReadOnlyCollection<string>)heads;
                var pending = new List<RevisionRun>();
                foreach (var (info, plan) in plans)
                {
                    var (run, after) = await ApplyOneAsync(executor, info, plan, up, current, sharesTransaction: true, ct);
                    current = after;
                    pending.Add(run);
                }
                foreach (var s in dialect.BeforeCommit(all)) await executor.ExecuteAsync(s, ct);
                try { await executor.CommitAsync(ct); }
                catch (Exception e) when (e is DbException or StatementFailedException)
                {
                    // A deferred constraint is checked at COMMIT: it cannot be pinned on one revision of the run.
                    throw new RetortException($"The database refused to commit the run's single transaction: {(e as StatementFailedException)?.DatabaseMessage ?? e.Message} " +
                        "Every revision of the run was rolled back; the database is as it was before.", e);
                }
                foreach (var run in pending) { runs.Add(run); RevisionCompleted?.Invoke(run); }
            }
            catch
            {
                await executor.RollbackAsync(CancellationToken.None);
                throw;
            }
            finally
            {
                foreach (var s in dialect.AfterTransaction(all)) await executor.ExecuteAsync(s, CancellationToken.None);
            }
            return runs;
        }

        // Dialects whose commit is the expensive part (SQLite syncs the disk on every COMMIT) let consecutive
        // revisions share one transaction, each under its own savepoint: a failing revision is rolled back to
        // its savepoint and the ones before it are committed, which is what one transaction per revision
        // leaves. A batch is committed after BatchCommitInterval, so the write lock is never held much
        // longer than one revision would hold it. Revisions that need statements outside the transaction
        // (SQLite's PRAGMA foreign_keys around a rebuild) still run alone.
        var batching = dialect.SharesTransactionAcrossRevisions;
        var batchStarted = Stopwatch.StartNew();
        // The heads as the previous revision left them, while nothing else can have changed them: under an
        // exclusive migration lock for the whole run, or inside the same (write-locked) transaction.
        IReadOnlyCollection<string>? known = dialect.MigrationLockIsExclusive ? heads : null;

        foreach (var (info, plan) in plans)
        {
            if (ct.IsCancellationRequested)
            {
                // Stopping between revisions: an open batch holds only finished revisions, so keep them.
                if (executor.InTransaction) await executor.CommitAsync(CancellationToken.None);
                ct.ThrowIfCancellationRequested();
            }
            if (plan.Any(o => o is DataOperation { Atomic: false } || dialect.RunsOutsideTransaction(o)) || resumed.Contains(info.Id))
            {
                // Data steps commit batch by batch, and steps outside any transaction commit alone: the revisions
                // batched before this one commit first, and this one records its progress step by step.
                if (executor.InTransaction) await executor.CommitAsync(ct);
                var phased = await ApplyPhasedAsync(executor, info, plan, up, ct);
                known = null;
                runs.Add(phased);
                RevisionCompleted?.Invoke(phased);
                continue;
            }
            var alone = !batching || dialect.BeforeTransaction(plan).Count > 0 || dialect.AfterTransaction(plan).Count > 0;
            if (executor.InTransaction && (alone || batchStarted.Elapsed > BatchCommitInterval)) await executor.CommitAsync(ct);
            foreach (var s in dialect.BeforeTransaction(plan)) await executor.ExecuteAsync(s, ct);
            var inBatch = false;
            try
            {
                if (!executor.InTransaction)
                {
                    await executor.BeginAsync(ct);
                    batchStarted.Restart();
                    if (!dialect.MigrationLockIsExclusive) known = null;
                }
                if (!alone)
                {
                    await executor.ExecuteAsync(new SqlStatement($"SAVEPOINT {RevisionSavepoint}"), ct);
                    inBatch = true;
                }
                var current = known ?? await _versions.ReadHeadsAsync(executor, ct, tablesExist: true);
                known = current;
                if (IsApplied(info.Id, current) != !up)
                {
                    // Another run got here first (its transaction committed while we waited for the lock).
                    if (inBatch) await ReleaseSavepointAsync(executor, rollback: true, ct);
                    else await executor.RollbackAsync(ct);
                    var skipped = new RevisionRun(info, up ? "upgrade" : "downgrade", TimeSpan.Zero, Skipped: true);
                    runs.Add(skipped);
                    RevisionCompleted?.Invoke(skipped);
                    continue;
                }
                var started = Stopwatch.GetTimestamp();
                var (run, after) = await ApplyOneAsync(executor, info, plan, up, current, sharesTransaction: inBatch, ct);
                known = after;
                foreach (var s in dialect.BeforeCommit(plan))
                    await WrapAsync(info, up, () => executor.ExecuteAsync(s, ct));
                // In a transaction of its own, the revision's statements may still be held back: they go with the commit.
                if (inBatch) await ReleaseSavepointAsync(executor, rollback: false, ct);
                else await WrapAsync(info, up, () => executor.CommitAsync(ct));
                run = run with { Duration = Stopwatch.GetElapsedTime(started) };
                runs.Add(run);
                RevisionCompleted?.Invoke(run);
            }
            catch
            {
                if (inBatch && executor.InTransaction)
                {
                    // Undo this revision only; the earlier revisions of the batch succeeded and are kept.
                    try
                    {
                        await ReleaseSavepointAsync(executor, rollback: true, CancellationToken.None);
                        await executor.CommitAsync(CancellationToken.None);
                    }
                    catch
                    {
                        await executor.RollbackAsync(CancellationToken.None);
                    }
                }
                else await executor.RollbackAsync(CancellationToken.None);
                throw;
            }
            finally
            {
                foreach (var s in dialect.AfterTransaction(plan)) await executor.ExecuteAsync(s, CancellationToken.None);
            }
        }
        if (executor.InTransaction) await executor.CommitAsync(ct);
        return runs;
    }

    /// <summary>
    /// With <see cref="MigratorOptions.SingleTransaction"/>, refuses a run holding a step that must run outside any
    /// transaction (it would commit the run halfway, online and in an offline script alike).
    /// </summary>
    private void CheckSingleTransaction(IEnumerable<(RevisionInfo info, IReadOnlyList<MigrationOperation> plan)> plans)
    {
        if (!Options.SingleTransaction) return;
        foreach (var (info, plan) in plans)
            if (plan.FirstOrDefault(_database.Dialect.RunsOutsideTransaction) is { } step)
                throw new RetortException($"Revision {info.Id} has a step that cannot run inside a transaction ({step.Describe()}), so the run cannot be the " +
                    "single transaction that SingleTransaction asks for. Run without it (one transaction per revision). Nothing was changed.");
    }

    private const string RevisionSavepoint = "retort_revision";

    /// <summary>How long revisions may share one transaction before it is committed (see RunAsync).</summary>
    private static readonly TimeSpan BatchCommitInterval = TimeSpan.FromMilliseconds(500);

    private static async Task ReleaseSavepointAsync(MigrationExecutor executor, bool rollback, CancellationToken ct)
    {
        if (rollback) await executor.ExecuteAsync(new SqlStatement($"ROLLBACK TO SAVEPOINT {RevisionSavepoint}"), ct);
        await executor.ExecuteAsync(new SqlStatement($"RELEASE SAVEPOINT {RevisionSavepoint}"), ct);
    }

    private IReadOnlyList<MigrationOperation> PlanFor(RevisionInfo info, bool up)
    {
        var revision = Revisions[info.Id];
        if (!up && revision.Script.IrreversibleReason is { } reason)
            throw new RetortException($"Cannot downgrade through revision {info.Id} ({revision.Location}): it is marked irreversible: {reason}. Nothing was changed.");
        // Plans are built before anything runs, so an irreversible operation stops the run before it starts.
        IReadOnlyList<MigrationOperation> plan;
        try { plan = BuildPlan(revision, up); }
        catch (IrreversibleOperationException e) when (!up && e.RevisionId is null)
        {
            throw new IrreversibleOperationException(e, info.Id, revision.Location);
        }
        CheckNonTransactional(revision, plan, up);
        return plan;
    }

    private async Task<(RevisionRun Run, IReadOnlyCollection<string> HeadsAfter)> ApplyOneAsync(
        MigrationExecutor executor, RevisionInfo info, IReadOnlyList<MigrationOperation> plan, bool up,
        IReadOnlyCollection<string> heads, bool sharesTransaction, CancellationToken ct)
    {
        var direction = up ? "upgrade" : "downgrade";
        RevisionStarting?.Invoke(info, direction);
        _logger.LogInformation("Running {Direction} {Revision}: {Message}", direction, info.Id, info.Message);
        var watch = Stopwatch.StartNew();
        if (executor is ScriptExecutor script) script.CurrentRevision = info.Id;
        executor.Comment($"Running {direction} {info.Id}{(info.Message.Length > 0 ? ": " + info.Message : "")}");
        // Where statements travel together (PostgreSQL), the history row goes with the revision's statements, before
        // the client knows how long they take: the database marks the revision's start and measures it.
        var dialect = _database.Dialect;
        string? serverTimed = null;
        if (!executor.IsOffline && dialect.BatchesStatements && dialect.RevisionElapsedMillisecondsSql is { } elapsed)
        {
            // A revision with a transaction of its own is timed from the transaction's start; no mark needed.
            if (sharesTransaction && dialect.RevisionStartMarkSql is { } mark) await executor.ExecuteAsync(new SqlStatement(mark), ct);
            serverTimed = elapsed;
        }
        await WrapAsync(info, up, () => PlanRunner.EmitAsync(executor, dialect, plan, ct));
        var after = up ? Graph.HeadsAfterUpgrade(heads, info) : Graph.HeadsAfterDowngrade(heads, info);
        await _versions.WriteHeadsAsync(executor, heads, after, ct);
        var checksum = up ? PlanFingerprint.Compute(plan) : null;
        if (serverTimed is null) await WrapAsync(info, up, () => executor.FlushAsync(ct));
        var clientTimed = (long)watch.Elapsed.TotalMilliseconds;
        await _versions.AddHistoryAsync(executor, info.Id, direction, executor.IsOffline ? null : clientTimed, checksum, ct, durationSql: serverTimed);
        // A revision sharing its transaction is sent now, so a failure names it; one with a transaction of its own is
        // sent with its commit (the caller wraps that too).
        if (sharesTransaction) await WrapAsync(info, up, () => executor.FlushAsync(ct));
        watch.Stop();
        return (new RevisionRun(info, direction, watch.Elapsed), after);
    }

    private static async Task WrapAsync(RevisionInfo info, bool up, Func<Task> action)
    {
        try { await action(); }
        catch (OfflineNotSupportedException e) when (e.RevisionId is null)
        {
            throw new OfflineNotSupportedException(info.Id, e.Step, e.Reason);
        }
        catch (StatementFailedException e)
        {
            throw new MigrationFailedException(info.Id, up ? "upgrade" : "downgrade", e.Statement.Sql, e.DatabaseMessage, e);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OfflineNotSupportedException or MigrationFailedException))
        {
            throw new MigrationFailedException(info.Id, up ? "upgrade" : "downgrade", null, e.Message, e);
        }
    }
}

using Microsoft.Extensions.Logging;
using Retort.Connections;
using Retort.Dialects;
using Retort.Internal;
using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;
using Retort.Runner.Transactions;

namespace Retort.Runner;

/// <summary>
/// Applies revisions to a database: upgrade, downgrade, stamp, current heads and history, online or as an
/// offline script. The one place that talks to the database during a migration.
/// </summary>
public sealed partial class Migrator
{
    private readonly Database _database;
    // The run's loggers, one per category (RetortLogCategories).
    private readonly RetortLoggers _logger;
    private readonly VersionStore _versions;
    private readonly ProgressStore _progress;

    /// <summary>Creates a migrator for a database and a set of revisions; <paramref name="logger"/>, when given, receives every log category.</summary>
    public Migrator(Database database, RevisionSet revisions, MigratorOptions? options = null, ILogger? logger = null)
        : this(database, revisions, options, RetortLoggers.From(logger))
    {
    }

    /// <summary>
    /// Creates a migrator that logs to the categories of <see cref="RetortLogCategories"/> (runner, SQL, lock, data),
    /// each a logger from <paramref name="loggerFactory"/>.
    /// </summary>
    public Migrator(Database database, RevisionSet revisions, MigratorOptions? options, ILoggerFactory loggerFactory)
        : this(database, revisions, options, RetortLoggers.From(loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory))))
    {
    }

    private Migrator(Database database, RevisionSet revisions, MigratorOptions? options, RetortLoggers loggers)
    {
        _database = database;
        Revisions = revisions;
        Options = options ?? new MigratorOptions();
        if (Options.Batching?.Validate(p => $"MigratorOptions.Batching.{p}") is { Count: > 0 } problems)
            throw new ArgumentException($"The default batching of data steps is not valid: {string.Join(" ", problems)}", nameof(options));
        _logger = loggers;
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
    /// shares a transaction across revisions (<see cref="TransactionPolicy.SharesTransactionAcrossRevisions"/>), raised
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
        TracedRunAsync(up: true, target, cancellationToken);

    /// <summary>Downgrades to <paramref name="target"/> (<c>base</c>, an id, <c>-N</c>, …).</summary>
    public Task<IReadOnlyList<RevisionRun>> DowngradeAsync(string target, CancellationToken cancellationToken = default) =>
        TracedRunAsync(up: false, target, cancellationToken);

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
        await using var migrationLock = await AcquireLockAsync(connection, ct);
        await using var executor = new OnlineExecutor(connection, dialect, _logger);

        // The pending list is read after the lock is held; every revision re-checks inside its own transaction.
        // Targets and plans are resolved before anything is written, so bad input leaves the database untouched.
        var (heads, history) = await ReadCheckedStateAsync(executor, up, ct);
        var path = up ? Graph.UpgradePath(heads, target) : Graph.DowngradePath(heads, target);
        CheckWaiting(heads, history, path, up);
        var revisions = path.Select(info => new RevisionPlan(info, PlanFor(info, up), up)).ToList();
        if (revisions.Count == 0) return [];
        var resumed = await CheckPartlyAppliedAsync(executor, path, up, ct);
        revisions = await GateAsync(revisions, connection, ct);
        CheckSingleTransaction(revisions, online: true);
        CheckOnlineInSingleTransaction(revisions);
        // Disposed before the lock is released: a failed first run on a fresh database removes the tables it created.
        await using var created = await _versions.EnsureTablesForRunAsync(executor, _logger.Runner, ct);
        if (revisions.Any(r => r.Allowed is not null)) await _versions.EnsureAllowedColumnAsync(executor, ct);
        var run = NewRun(executor, heads);
        return await TransactionStrategy.For(run, Options.SingleTransaction).RunAsync(revisions, resumed, ct);
    }

    /// <summary>A run's shared state on <paramref name="executor"/>, starting at <paramref name="heads"/>.</summary>
    private MigrationRun NewRun(MigrationExecutor executor, IReadOnlyCollection<string> heads)
    {
        executor.DefaultBatching = Options.Batching;
        return new(executor, _database.Dialect, Graph, _versions, _progress, _logger, heads, new RunEvents(RevisionStarting, RevisionCompleted, DataProgressReported));
    }

    /// <summary>
    /// With <see cref="MigratorOptions.SingleTransaction"/>, refuses a run holding a step that cannot be in one
    /// transaction (it would commit the run halfway, online and in an offline script alike): a batched data step, a
    /// step that runs outside any transaction, or any schema change where DDL is not transactional.
    /// </summary>
    private void CheckSingleTransaction(IReadOnlyList<RevisionPlan> revisions, bool online)
    {
        if (!Options.SingleTransaction) return;
        var policy = _database.Dialect.Transactions;
        foreach (var revision in revisions)
        {
            // Offline, a backfill is one UPDATE inside the script's transaction.
            if (online && revision.Operations.FirstOrDefault(o => o is DataOperation { Atomic: false }) is not null)
                throw new RetortException($"Revision {revision.Info.Id} has batched data steps, which commit batch by batch and cannot run inside the single transaction " +
                    "that SingleTransaction asks for. Run without SingleTransaction (one transaction per revision and per batch). Nothing was changed.");
            if (revision.Operations.FirstOrDefault(policy.RunsOutsideTransaction) is { } step)
                throw new RetortException($"Revision {revision.Info.Id} has a step that cannot run inside a transaction ({step.Describe()}), so the run cannot be the " +
                    "single transaction that SingleTransaction asks for. Run without it (one transaction per revision). Nothing was changed.");
            if (!policy.TransactionalDdl && revision.Operations.Count > 0)
                throw new RetortException($"The {_database.Dialect.Name} database commits schema changes by itself, so revision {revision.Info.Id} cannot be part of " +
                    "the single transaction that SingleTransaction asks for. Run without it (each step recorded as it commits). Nothing was changed.");
        }
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
}

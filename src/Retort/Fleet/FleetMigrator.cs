using System.Diagnostics;
using Retort.Commands;
using Retort.Connections;
using Retort.Dialects;
using Retort.Fleet.Internal;
using Retort.Lint;
using Retort.Migrations;
using Retort.Runner;
using Retort.Runner.Linting;
using Retort.Runner.Linting.Internal;

namespace Retort.Fleet;

/// <summary>
/// Migrates a fleet: many databases (one per tenant) or many schemas of one PostgreSQL database, with bounded
/// parallelism, a canary, waves, a failure budget and a status table that makes a rerun resume where a run stopped.
/// Each target's run is exactly <see cref="MigrationCommands.UpgradeAsync"/> or <see cref="MigrationCommands.DowngradeAsync"/>
/// on that target (its own lock, version and history tables, resumable data steps); the revisions are loaded and the
/// lint gate's plan linted once for the whole fleet.
/// </summary>
/// <example>
/// <code>
/// var fleet = new FleetMigrator(
///     new CommandConfig { Environment = EnvironmentLocator.Locate(Directory.GetCurrentDirectory()) },
///     FleetTargetSource.FromFile("tenants.txt"),
///     new FleetOptions { Parallelism = 8, Canary = 1, Stages = FleetStage.ParseList("10%,100%") });
/// var result = await fleet.UpgradeAsync("head", new Progress&lt;FleetProgress&gt;(p => Console.WriteLine($"{p.Done} done, {p.Failed} failed")));
/// if (!result.Succeeded) Console.WriteLine(result.StoppedReason);
/// </code>
/// </example>
public sealed class FleetMigrator
{
    /// <summary>Creates a fleet over <paramref name="targets"/> with the environment and options of <paramref name="config"/>.</summary>
    public FleetMigrator(CommandConfig config, FleetTargetSource targets, FleetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(targets);
        Config = config;
        Targets = targets;
        Options = options ?? new FleetOptions();
    }

    /// <summary>The environment, compiled revisions, log and lint allowances every target's run uses (its URL is not used).</summary>
    public CommandConfig Config { get; }

    /// <summary>Where the targets come from.</summary>
    public FleetTargetSource Targets { get; }

    /// <summary>How the fleet runs.</summary>
    public FleetOptions Options { get; }

    /// <summary>Raised when a target's run starts (on a worker thread).</summary>
    public event Action<FleetTarget>? TargetStarting;

    /// <summary>Raised when a target's run ends, done or failed (on a worker thread).</summary>
    public event Action<FleetTargetResult>? TargetCompleted;

    /// <summary>
    /// The status table's database URL: <see cref="FleetOptions.Status"/>, else the control database of the target
    /// source, else <c>retort-fleet.db</c> next to the environment's <c>retort.json</c>.
    /// </summary>
    /// <exception cref="FleetInputException">None of them is given.</exception>
    public string StatusUrl()
    {
        if (Options.Status is { } status)
            return DatabaseUrl.LooksLikeUrl(status) || status.Contains('=') ? status : "sqlite:///" + Path.GetFullPath(status).Replace('\\', '/');
        if (Targets.ControlUrl is { } control) return control;
        if (Config.Environment is { } environment) return "sqlite:///" + Path.Combine(environment.Directory, "retort-fleet.db").Replace('\\', '/');
        throw new FleetInputException("The fleet has no place for its status table: there is no environment (retort.json) and no control database. " +
            "Give one with --status FILE_OR_URL (FleetOptions.Status).");
    }

    /// <summary>
    /// Upgrades every target to <paramref name="target"/> (<c>head</c>, an id, …): targets already done for this target
    /// revision by an earlier run are skipped, the rest (pending, failed, or left running by a killed run) run.
    /// </summary>
    /// <exception cref="FleetInputException">The targets or options are wrong; nothing was touched.</exception>
    /// <exception cref="LintGateException">The plan has blocking lint findings no allowance covers; nothing was touched.</exception>
    /// <exception cref="RetortException">Bad target revision, broken revisions, unreachable status database; nothing was touched.</exception>
    public Task<FleetResult> UpgradeAsync(string target = "head", IProgress<FleetProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(up: true, target, progress, cancellationToken);

    /// <summary>Downgrades every target to <paramref name="target"/> (<c>base</c>, an id, <c>-1</c>, …), as <see cref="UpgradeAsync"/> upgrades.</summary>
    /// <exception cref="FleetInputException">The targets or options are wrong; nothing was touched.</exception>
    /// <exception cref="RetortException">Bad target revision, irreversible revision, unreachable status database; nothing was touched.</exception>
    public Task<FleetResult> DowngradeAsync(string target, IProgress<FleetProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(up: false, target, progress, cancellationToken);

    /// <summary>
    /// Reads every target's current revisions (<see cref="FleetTargetResult.After"/>); a target that cannot be read is
    /// failed with the reason. Nothing is written, not even the status table.
    /// </summary>
    /// <exception cref="FleetInputException">The targets or options are wrong.</exception>
    public async Task<FleetResult> CurrentAsync(CancellationToken cancellationToken = default)
    {
        Options.Validate();
        var clock = Stopwatch.StartNew();
        var targets = await Targets.LoadAsync(cancellationToken);
        var commands = new MigrationCommands(Config);
        var revisions = await commands.LoadRevisionsAsync(cancellationToken);
        var results = new FleetTargetResult[targets.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var target = targets[i];
                var watch = Stopwatch.StartNew();
                try
                {
                    await using var database = TargetConnection.Open(TargetConnection.Resolve(target));
                    if (database.OpeningCreatesDatabase) throw new RetortException($"The database {target.DisplayName} does not exist.");
                    var migrator = new Migrator(database, revisions, TargetOptions(commands, target), Config.Logger);
                    var heads = await migrator.GetCurrentHeadIdsAsync(ct);
                    results[i] = new FleetTargetResult(target, FleetTargetState.Done, heads, heads, null, watch.Elapsed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    results[i] = new FleetTargetResult(target, FleetTargetState.Failed, [], [], ErrorText(e, target), watch.Elapsed);
                }
            });
        return new FleetResult("current", null, null, results, null, false, clock.Elapsed);
    }

    /// <summary>The status table (<see cref="StatusUrl"/>), or null when no fleet run is recorded there.</summary>
    /// <exception cref="FleetInputException">No status location is known.</exception>
    public async Task<FleetStatus?> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var store = await FleetStatusStore.OpenAsync(StatusUrl(), create: false, cancellationToken);
        return store is null ? null : await store.ReadAsync(cancellationToken);
    }

    private MigratorOptions TargetOptions(MigrationCommands commands, FleetTarget target)
    {
        var options = commands.MigratorOptions();
        // Schema-per-tenant: revisions written without schema names land in the tenant's schema, which also holds its own
        // version and history tables.
        return target.Schema is { } schema ? options with { DefaultSchema = schema, VersionTableSchema = schema } : options;
    }

    private async Task<FleetResult> RunAsync(bool up, string target, IProgress<FleetProgress>? progress, CancellationToken ct)
    {
        Options.Validate();
        var clock = Stopwatch.StartNew();
        var operation = up ? "upgrade" : "downgrade";
        var targets = await Targets.LoadAsync(ct);
        var loader = new MigrationCommands(Config);
        var revisions = await loader.LoadRevisionsAsync(ct);
        var targetRevision = TargetHeads.TargetRevision(revisions.Graph, target, up);
        if (up) GateOnce(loader, revisions, targets, target);

        await using var store = await FleetStatusStore.OpenAsync(StatusUrl(), create: true, ct)
            ?? throw new RetortException("The fleet's status table could not be created.");
        var states = await store.ReadStatesAsync(ct);
        var results = new FleetTargetResult?[targets.Count];
        var toRun = new List<int>();
        for (var i = 0; i < targets.Count; i++)
        {
            if (!TargetHeads.IsRelative(target) && states.TryGetValue(targets[i].Key, out var state)
                && state.State == FleetTargetState.Done && state.Operation == operation && state.TargetRevision == targetRevision)
                results[i] = new FleetTargetResult(targets[i], FleetTargetState.Skipped, [], [], null, TimeSpan.Zero);
            else toRun.Add(i);
        }
        states.Clear();

        var runId = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..8]}";
        await store.StartRunAsync(runId, operation, target, targets.Count, DateTimeOffset.UtcNow, ct);
        await store.MarkPendingAsync(runId, operation, targetRevision, toRun.Select(i => targets[i]).ToList(), ct);

        var run = new FleetRun(this, store, new MigrationCommands(Config, revisions, new SharedLintReports()), loader, revisions, up, target,
            targets.Count, targets.Count - toRun.Count, progress, clock);
        var start = 0;
        foreach (var (end, canary) in Waves(toRun.Count))
        {
            if (run.Stopped || ct.IsCancellationRequested) break;
            await run.WaveAsync(toRun.GetRange(start, end - start).Select(i => (i, targets[i])).ToList(), results, canary, ct);
            start = end;
        }

        var cancelled = ct.IsCancellationRequested;
        var reason = run.StopReason ?? (cancelled ? "the run was cancelled" : null);
        var notStarted = reason is null ? null : $"Not started: {reason}. Run the same command again to continue.";
        for (var i = 0; i < results.Length; i++)
            results[i] ??= new FleetTargetResult(targets[i], FleetTargetState.Skipped, [], [], notStarted ?? "Not started.", TimeSpan.Zero);
        if (notStarted is not null) await store.MarkNotStartedAsync(runId, notStarted, CancellationToken.None);
        var result = new FleetResult(operation, target, runId, results!, run.StopReason, cancelled, clock.Elapsed);
        var runState = cancelled ? "cancelled" : run.StopReason is not null ? "stopped" : result.Failed > 0 ? "failed" : "done";
        await store.FinishRunAsync(runId, runState, DateTimeOffset.UtcNow, result.Done, result.Failed, result.Skipped, reason, CancellationToken.None);
        return result;
    }

    /// <summary>The end (exclusive) of each wave over <paramref name="count"/> targets, and whether it is the canary.</summary>
    private List<(int End, bool Canary)> Waves(int count)
    {
        var waves = new List<(int, bool)>();
        var done = 0;
        if (Options.Canary > 0 && count > 0)
        {
            done = Math.Min(Options.Canary, count);
            waves.Add((done, true));
        }
        foreach (var stage in Options.Stages)
        {
            var end = stage.End(count);
            if (end <= done) continue;
            waves.Add((end, false));
            done = end;
        }
        if (done < count) waves.Add((count, false));
        return waves;
    }

    /// <summary>
    /// The lint gate, once for the fleet before any target runs: the whole plan (base to the target) linted without a
    /// database; blocking findings that table sizes cannot change refuse the fleet. Findings on a table wait for each
    /// target's gate, which reads that target's table sizes (an empty table turns them into notes).
    /// </summary>
    private void GateOnce(MigrationCommands loader, RevisionSet revisions, IReadOnlyList<FleetTarget> targets, string target)
    {
        foreach (var first in targets.Select(TargetConnection.Resolve).DistinctBy(t => t.Dialect.Name))
        {
            using var database = TargetConnection.Open(first);
            var migrator = new Migrator(database, revisions, loader.MigratorOptions(), Config.Logger);
            var report = migrator.Lint(target, options: new LintOptions { Allow = Config.AllowRules });
            var blocking = report.Blocking.Where(f => f.Table is null).ToList();
            if (blocking.Count > 0)
                throw new LintGateException(report with
                {
                    Findings = report.Findings.Where(f => f.Table is null || f.Severity != LintSeverity.Error || f.IsAllowed).ToList(),
                });
        }
    }

    internal void OnStarting(FleetTarget target) => TargetStarting?.Invoke(target);

    internal void OnCompleted(FleetTargetResult result) => TargetCompleted?.Invoke(result);

    internal MigratorOptions OptionsFor(MigrationCommands commands, FleetTarget target) => TargetOptions(commands, target);

    /// <summary>A failure's text for the status table and output: the message, with the target's password (if any) hidden.</summary>
    internal static string ErrorText(Exception e, FleetTarget target)
    {
        var text = e switch
        {
            RunStoppedException stopped => stopped.InnerException!.Message + (stopped.Outcome.Summary is { } s ? " " + s : ""),
            RunCancelledException cancelled => "Cancelled while running. " + (cancelled.Outcome.Summary ?? ""),
            OperationCanceledException => "Cancelled while running.",
            RetortException => e.Message,
            _ => $"Unexpected error ({e.GetType().Name}): {e.Message}",
        };
        if (DatabaseUrl.LooksLikeUrl(target.Url))
        {
            try
            {
                if (DatabaseUrl.Parse(target.Url).Password is { Length: > 0 } password) text = text.Replace(password, "***", StringComparison.Ordinal);
            }
            catch (RetortException) { }
        }
        return text.Trim();
    }
}

using System.Data.Common;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner.Linting;
using Retort.Runner.Linting.Internal;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>
    /// Lints, without a database, the revisions an upgrade from <paramref name="from"/> (null: base) to
    /// <paramref name="target"/> would run: every revision from base unless a starting point is given.
    /// </summary>
    /// <exception cref="RetortException">A bad target, a revision whose plan cannot be built, a malformed allowance.</exception>
    public LintReport Lint(string target = "head", string? from = null, LintOptions? options = null)
    {
        var start = from is null or "base" ? [] : Graph.Normalize(Graph.ResolveUpgradeTarget(from, []).Revisions).ToList();
        var path = Graph.UpgradePath(start, target);
        return PlanLinter.Lint(_database.Dialect, path.Select(info => ForLint(info, PlanFor(info, up: true))).ToList(), options);
    }

    /// <summary>
    /// Lints the revisions an upgrade to <paramref name="target"/> would run on this database now (exactly those, after
    /// the checks an upgrade makes first), with the server's version and the live row counts and sizes of the tables
    /// the findings are about: a finding on an empty table becomes a note, one on a table with rows gets an estimate.
    /// </summary>
    public async Task<LintReport> LintLiveAsync(string target = "head", LintOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var executor = new OnlineExecutor(connection, _database.Dialect, _logger);
        var (heads, _) = await ReadCheckedStateAsync(executor, up: true, cancellationToken);
        var path = Graph.UpgradePath(heads, target);
        return await LintWithLiveAsync(connection, path.Select(info => ForLint(info, PlanFor(info, up: true))).ToList(), options ?? new LintOptions(), cancellationToken);
    }

    private async Task<LintReport> LintWithLiveAsync(DbConnection connection, IReadOnlyList<LintRevision> revisions, LintOptions options, CancellationToken ct,
        bool blockingOnly = false)
    {
        var dialect = _database.Dialect;
        // The first pass, with the server's version (which the driver knows without a query), names the tables worth
        // reading; the second sees their statistics. The gate reads them only when something would block: statistics
        // can only turn a finding on an empty table into a note, and reading them costs a query per table.
        var version = (await dialect.Lint.ReadLiveAsync(connection, dialect, [], ct)).ServerVersion ?? options.ServerVersion;
        options = options with { ServerVersion = version };
        var first = PlanLinter.Lint(dialect, revisions, options);
        if (blockingOnly && first.Blocking.Count == 0) return first;
        var live = await dialect.Lint.ReadLiveAsync(connection, dialect, first.Findings.Where(f => f.Table is not null).Select(f => f.Table!)
            .DistinctBy(PlanLinter.TableKey).ToList(), ct);
        return PlanLinter.Lint(dialect, revisions, options with { Live = live.Tables });
    }

    /// <summary>
    /// The lint gate (<see cref="MigratorOptions.Lint"/>): lints the run's plans (with the live catalogue when
    /// <paramref name="connection"/> is given), refuses error findings that are not allowed, and returns the plans
    /// with their allowed findings for the history rows.
    /// </summary>
    private async Task<List<RevisionPlan>> GateAsync(List<RevisionPlan> plans, DbConnection? connection, CancellationToken ct)
    {
        if (Options.Lint is not { } gate || plans.Count == 0 || !plans[0].Up) return plans;
        List<LintRevision> Revisions() => plans.Select(p => ForLint(p.Info, p.Operations)).ToList();
        var options = new LintOptions { Allow = gate.Allow };
        var report = connection is null ? PlanLinter.Lint(_database.Dialect, Revisions(), options)
            : gate.Shared is { } shared ? await LintSharedAsync(shared, connection, plans, Revisions, options, ct)
            : await LintWithLiveAsync(connection, Revisions(), options, ct, blockingOnly: true);
        if (report.Blocking.Count > 0) throw new LintGateException(report);
        // Findings by revision once: a long plan has a finding or two on most of its revisions.
        var byRevision = report.Findings.Where(f => f.IsAllowed).ToLookup(f => f.Revision, StringComparer.Ordinal);
        return plans.Select(p => p with { Allowed = byRevision.Contains(p.Info.Id) ? LintGateException.AllowedText(byRevision[p.Info.Id]) : null }).ToList();
    }

    /// <summary>
    /// The gate of one database of a fleet: the static report of this path is linted once for every database that runs
    /// the same revisions (same server version and default schema), and only its blocking findings' tables are read
    /// here, so an empty table turns them into notes as <see cref="LintWithLiveAsync"/> would.
    /// </summary>
    private async Task<LintReport> LintSharedAsync(SharedLintReports shared, DbConnection connection, List<RevisionPlan> plans,
        Func<List<LintRevision>> revisions, LintOptions options, CancellationToken ct)
    {
        var dialect = _database.Dialect;
        var version = (await dialect.Lint.ReadLiveAsync(connection, dialect, [], ct)).ServerVersion ?? options.ServerVersion;
        var key = string.Join('\n', [Options.DefaultSchema ?? "", version?.ToString() ?? "", .. plans.Select(p => p.Info.Id)]);
        var report = shared.GetOrAdd(key, () => PlanLinter.Lint(dialect, revisions(), options with { ServerVersion = version }));
        if (report.Blocking.Count == 0) return report;
        var live = await dialect.Lint.ReadLiveAsync(connection, dialect, report.Blocking.Where(f => f.Table is not null).Select(f => f.Table!)
            .DistinctBy(PlanLinter.TableKey).ToList(), ct);
        return PlanLinter.WithLive(report, live.Tables);
    }

    private LintRevision ForLint(RevisionInfo info, IReadOnlyList<Operations.MigrationOperation> plan)
    {
        var revision = Revisions[info.Id];
        var file = revision.Location;
        var isFile = file.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);
        return new LintRevision(info, revision.Script.Source, plan)
        {
            SourceFile = isFile ? file : null,
            // A .sql revision's text gives each statement's line and the allowances written after a statement on its line.
            SourceText = revision.Script is not ClassMigrationScript && file.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) && File.Exists(file)
                ? File.ReadAllText(file)
                : null,
        };
    }
}

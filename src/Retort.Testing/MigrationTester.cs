using Microsoft.Extensions.Logging.Abstractions;
using Retort.Autogenerate;
using Retort.Connections;
using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;

namespace Retort.Testing;

/// <summary>
/// Runs the standard migration checks against a throwaway database: single head, every revision reversible (or
/// marked irreversible), then revision by revision in graph order: fixture rows, upgrade, fixture assertions,
/// downgrade to its parents (the schema must equal the one before), upgrade again; finally the database at head
/// must equal the target schema. Used by <c>retort test</c> and by test projects.
/// </summary>
public sealed class MigrationTester(Database database, RevisionSet revisions, MigrationTestOptions? options = null)
{
    private readonly MigrationTestOptions _options = options ?? new MigrationTestOptions();
    private readonly Migrator _migrator = new(database, revisions);

    /// <summary>Runs every check. The walk stops at the first revision that fails to upgrade.</summary>
    public async Task<MigrationTestReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<CheckResult>();
        results.Add(CheckHeads());
        results.AddRange(revisions.All.Select(r => CheckReversible(r)));
        foreach (var revision in revisions.Graph.All)
        {
            var step = await CheckRevisionAsync(revision.Id, cancellationToken);
            results.AddRange(step);
            if (step.Any(r => r.Check == MigrationCheck.Upgrade && !r.Passed)) return new MigrationTestReport(results);
        }
        if (_options.TargetSchema is not null) results.Add(await CheckModelAsync(cancellationToken));
        return new MigrationTestReport(results);
    }

    /// <summary>The single-head check alone.</summary>
    public CheckResult CheckHeads() => CheckHeads(revisions, _options.ExpectedHeads);

    /// <summary>The single-head check, without a database: the graph has exactly <paramref name="expectedHeads"/> heads.</summary>
    public static CheckResult CheckHeads(RevisionSet revisions, int expectedHeads = 1)
    {
        var heads = revisions.Graph.Heads;
        return heads.Count == expectedHeads
            ? new CheckResult(MigrationCheck.SingleHead, null, true)
            : new CheckResult(MigrationCheck.SingleHead, null, false,
                $"Expected {expectedHeads} head(s), found {heads.Count}: {string.Join(", ", heads.Select(h => h.Id))}. Merge them with 'retort merge heads -m MSG'.");
    }

    /// <summary>
    /// Whether the revision's downgrade can be built (or it is marked irreversible), and is not empty while its
    /// upgrade is not: such a downgrade reports success and changes nothing.
    /// </summary>
    public CheckResult CheckReversible(Revision revision)
    {
        if (revision.Script.IrreversibleReason is { } reason)
            return new CheckResult(MigrationCheck.Reversible, revision.Id, true, "marked irreversible: " + reason, Skipped: true);
        try
        {
            var downgrade = new Op();
            revision.Script.BuildDowngrade(downgrade);
            var upgrade = new Op();
            revision.Script.BuildUpgrade(upgrade);
            if (downgrade.Plan.Count == 0 && upgrade.Plan.Count > 0)
                return new CheckResult(MigrationCheck.Reversible, revision.Id, false,
                    $"revision {revision.Id} ({revision.Script.Source}) has an upgrade of {upgrade.Plan.Count} operation(s) and an empty downgrade, " +
                    "so downgrading it would change nothing. " + (revision.Script is ClassMigrationScript
                        ? "Remove the empty Downgrade override (by default Downgrade reverses Upgrade) or write one that undoes the upgrade; "
                        : "Write a downgrade that undoes the upgrade; ") +
                    "if the revision cannot be undone, mark it irreversible.");
            return new CheckResult(MigrationCheck.Reversible, revision.Id, true);
        }
        catch (RetortException e)
        {
            return new CheckResult(MigrationCheck.Reversible, revision.Id, false, e.Message);
        }
    }

    /// <summary>
    /// Checks one revision: upgrades the database to its parents first (whatever state it is in), then fixture,
    /// upgrade, assertions, stairway and no-trace. Call in graph order to test a whole environment one revision
    /// per test case.
    /// </summary>
    public async Task<IReadOnlyList<CheckResult>> CheckRevisionAsync(string revisionId, CancellationToken cancellationToken = default)
    {
        var info = revisions.Graph.Get(revisionId);
        var revision = revisions[revisionId];
        var results = new List<CheckResult>();
        var heads = await _migrator.GetCurrentHeadIdsAsync(cancellationToken);
        var applied = heads.SelectMany(h => revisions.Graph.Ancestors(h).Select(a => a.Id).Append(h)).ToHashSet();
        foreach (var parent in info.DownRevisions.Concat(info.DependsOn).Select(p => revisions.Graph.Resolve(p).Id))
            if (!applied.Contains(parent))
                await _migrator.UpgradeAsync(parent, cancellationToken);

        var fixture = _options.Fixtures.FirstOrDefault(f => f.Revision == revisionId);
        if (fixture is not null && await RunFixtureAsync(fixture.BeforeUpgradeAsync, cancellationToken) is { } seedError)
        {
            results.Add(new CheckResult(MigrationCheck.Fixture, revisionId, false, "inserting the fixture's rows before the upgrade failed: " + seedError));
            return results;
        }
        var before = await SchemaAsync(cancellationToken);
        try
        {
            await _migrator.UpgradeAsync(revisionId, cancellationToken);
            results.Add(new CheckResult(MigrationCheck.Upgrade, revisionId, true));
        }
        catch (MigrationFailedException e)
        {
            results.Add(new CheckResult(MigrationCheck.Upgrade, revisionId, false, e.Reason, e.Statement));
            return results;
        }
        if (fixture is not null)
        {
            var error = await RunFixtureAsync(fixture.AfterUpgradeAsync, cancellationToken);
            results.Add(new CheckResult(MigrationCheck.Fixture, revisionId, error is null, error));
        }
        if (!_options.Stairway) return results;
        if (revision.Script.IrreversibleReason is not null)
        {
            results.Add(new CheckResult(MigrationCheck.Stairway, revisionId, true, "irreversible: not downgraded", Skipped: true));
            return results;
        }
        if (!CheckReversible(revision).Passed)
        {
            // An empty downgrade would leave the upgrade in place and the upgrade after it would run twice.
            results.Add(new CheckResult(MigrationCheck.Stairway, revisionId, true, "not downgraded: its downgrade failed the Reversible check", Skipped: true));
            return results;
        }
        try
        {
            await _migrator.DowngradeAsync(revisionId + "-1", cancellationToken);
        }
        catch (RetortException e)
        {
            results.Add(new CheckResult(MigrationCheck.Stairway, revisionId, false, "downgrade failed: " + (e is MigrationFailedException m ? m.Reason : e.Message), (e as MigrationFailedException)?.Statement));
            return results;
        }
        var after = await SchemaAsync(cancellationToken);
        results.Add(CompareSchemas(revisionId, before, after));
        try
        {
            await _migrator.UpgradeAsync(revisionId, cancellationToken);
            results.Add(new CheckResult(MigrationCheck.Stairway, revisionId, true));
        }
        catch (MigrationFailedException e)
        {
            results.Add(new CheckResult(MigrationCheck.Stairway, revisionId, false, "upgrade after downgrade failed: " + e.Reason, e.Statement));
        }
        return results;
    }

    /// <summary>Upgrades to every head and compares the database with the target schema.</summary>
    public async Task<CheckResult> CheckModelAsync(CancellationToken cancellationToken = default)
    {
        if (_options.TargetSchema is not { } target)
            return new CheckResult(MigrationCheck.ModelMatchesDatabase, null, true, "no target schema declared", Skipped: true);
        await _migrator.UpgradeAsync("heads", cancellationToken);
        var diff = await Autogenerator.CompareAsync(database, target.Build(), target.Options, cancellationToken);
        return diff.IsEmpty
            ? new CheckResult(MigrationCheck.ModelMatchesDatabase, null, true)
            : new CheckResult(MigrationCheck.ModelMatchesDatabase, null, false,
                "after 'upgrade heads' the database differs from the target schema:\n" + diff.Describe());
    }

    private static CheckResult CompareSchemas(string revisionId, IReadOnlyList<Table> before, IReadOnlyList<Table> after)
    {
        var differences = SchemaDiffer.Compare(before, after).Operations;
        return differences.Count == 0
            ? new CheckResult(MigrationCheck.DowngradeLeavesNoTrace, revisionId, true)
            : new CheckResult(MigrationCheck.DowngradeLeavesNoTrace, revisionId, false,
                "after the downgrade the schema is not what it was before the upgrade; to get it back the database would need:\n"
                + string.Join("\n", differences.Select(d => "- " + d.Describe())));
    }

    private async Task<IReadOnlyList<Table>> SchemaAsync(CancellationToken ct) =>
        (await database.ReflectAsync(null, ct)).Where(t => !OwnTables.Contains(t.Name)).ToList();

    private async Task<string?> RunFixtureAsync(Func<MigrationContext, CancellationToken, Task> step, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            await step(new MigrationContext(connection, transaction, database.Dialect, NullLogger.Instance), ct);
            await transaction.CommitAsync(ct);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e.Message;
        }
    }

    private static readonly IReadOnlyCollection<string> OwnTables = new MigratorOptions().OwnTables;
}

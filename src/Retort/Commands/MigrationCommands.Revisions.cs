using System.Text;
using Retort.Autogenerate;
using Retort.Environments;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Runner.Linting;

namespace Retort.Commands;

public sealed partial class MigrationCommands
{
    /// <summary>
    /// Writes a new revision file in the environment; with <see cref="RevisionArguments.Autogenerate"/> filled with
    /// the operations that turn the database into the target schema (refused while the database is not at the heads).
    /// Revisions created at the same time (in several processes) take turns, so each is built on the head the one
    /// before it wrote.
    /// </summary>
    /// <exception cref="RetortException">No environment, a bad id or parent, or (autogenerate) the database is not up to date.</exception>
    public async Task<NewRevisionResult> RevisionAsync(RevisionArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var environment = RequireEnvironment("Creating a revision");
        // One new revision at a time in this environment: read the heads and write the file under the lock.
        await using var revisionLock = await environment.LockForNewRevisionAsync(Log, cancellationToken);
        var revisions = await LoadRevisionsAsync(cancellationToken);
        var generated = arguments.Autogenerate ? await GenerateAsync(revisions, arguments, cancellationToken) : null;
        if (generated is { Diff.IsEmpty: true } && !arguments.AllowEmpty) return new NewRevisionResult(null, null, generated.Diff);
        var (path, info) = environment.CreateRevision(revisions, new NewRevisionRequest
        {
            Message = arguments.Message,
            RevisionId = arguments.RevisionId,
            Heads = [arguments.Head],
            Splice = arguments.Splice,
            BranchLabels = arguments.BranchLabels,
            DependsOn = arguments.DependsOn,
            Format = generated is null ? arguments.Format : RevisionFormat.CSharp,
            UpgradeBody = generated?.UpgradeBody,
            DowngradeBody = generated?.DowngradeBody,
        });
        // What the new revision would be told by 'retort lint', for the person about to review it.
        var findings = generated?.Findings.Select(f => f with { Revision = info.Id, Source = path }).ToList() ?? [];
        return new NewRevisionResult(path, info, generated?.Diff) { Findings = findings };
    }

    /// <summary>Writes a merge revision whose parents are the revisions <see cref="MergeArguments.Revisions"/> names (<c>heads</c>, or two or more ids or labels).</summary>
    /// <exception cref="RevisionGraphException">They name fewer than two revisions.</exception>
    public async Task<NewRevisionResult> MergeAsync(MergeArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var environment = RequireEnvironment("Creating a merge revision");
        await using var revisionLock = await environment.LockForNewRevisionAsync(Log, cancellationToken);
        var set = await LoadRevisionsAsync(cancellationToken);
        var parents = arguments.Revisions.SelectMany(r => set.Graph.ResolveUpgradeTarget(r, []).Revisions).Distinct().ToList();
        if (parents.Count < 2)
            throw new RevisionGraphException($"Nothing to merge: '{string.Join(' ', arguments.Revisions)}' names {(parents.Count == 0 ? "no revision" : "only " + parents[0])}. " +
                "Give two or more revisions, or 'heads' when there are several heads.");
        var (path, info) = environment.CreateRevision(set, new NewRevisionRequest
        {
            Message = arguments.Message,
            RevisionId = arguments.RevisionId,
            Heads = parents,
            Splice = true,
            BranchLabels = arguments.BranchLabels,
            Format = arguments.Format,
        });
        return new NewRevisionResult(path, info, null);
    }

    /// <summary>
    /// Checks the database for CI: it matches the target schema (<paramref name="target"/>, or the environment's
    /// <see cref="ITargetSchema"/> class), it is at the scripts' heads, and its version table and applied revisions are
    /// as an upgrade expects them (no edited revision). Throws with every problem found.
    /// </summary>
    /// <exception cref="CheckFailedException">The database differs, is not up to date, or an upgrade would refuse it.</exception>
    /// <exception cref="RetortException">It could not be checked: it does not exist or cannot be opened, no target schema, a broken revision.</exception>
    public async Task<CheckResult> CheckAsync(ITargetSchema? target = null, CancellationToken cancellationToken = default)
    {
        target ??= await LoadTargetSchemaAsync(cancellationToken);
        await using var database = OpenDatabase();
        if (database.OpeningCreatesDatabase)
            throw new RetortException($"The database {database.DisplayName} does not exist, so it cannot match the target schema; nothing was created. " +
                "Check the URL, or create the database with 'retort upgrade head'.");
        var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
        var problems = new List<CheckProblem>();
        // What upgrade would refuse (a version table that contradicts the history, edited revisions) fails the check too.
        if (await ProblemAsync(migrator, cancellationToken) is { } problem) problems.Add(new CheckProblem("versionTable", problem, []));
        // A database behind its scripts differs from the target by what they would do: say so first.
        if (await NotUpToDateAsync(migrator, cancellationToken) is { } behind)
            problems.Add(new CheckProblem("notUpToDate", behind + " Run 'retort upgrade heads', then check again.", []));
        var diff = await Autogenerator.CompareAsync(database, target.Build(), target.Options, cancellationToken);
        if (!diff.IsEmpty)
            problems.Add(new CheckProblem("schemaDiff",
                $"The database differs from the target schema in {diff.Operations.Count} way(s):\n{diff.Describe()}\n" +
                "Generate a revision with 'retort revision --autogenerate -m MSG' and upgrade, or change the target schema.",
                diff.Describe().Split('\n').Select(line => line[2..]).ToList()));
        // Drift is its own exception: a front end tells it from a check that could not run (exit 1 against 2).
        if (problems.Count > 0) throw new CheckFailedException(database.DisplayName, problems);
        return new CheckResult(database.DisplayName, migrator.Revisions.Graph.Heads);
    }

    /// <summary>
    /// Accepts edits of revisions that were applied already: records their current checksum, so upgrade runs
    /// again. Nothing else changes; make whatever the edit needs in the database first.
    /// </summary>
    /// <param name="revisions">Edited revisions (ids or unique prefixes); null accepts every edited revision.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<AcceptResult> AcceptAsync(IReadOnlyCollection<string>? revisions = null, CancellationToken cancellationToken = default)
    {
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
        return new AcceptResult(await migrator.AcceptEditsAsync(revisions, cancellationToken));
    }

    private sealed record Generated(SchemaDiff Diff, string UpgradeBody, string DowngradeBody, IReadOnlyList<Lint.LintFinding> Findings);

    private async Task<Generated> GenerateAsync(RevisionSet revisions, RevisionArguments arguments, CancellationToken ct)
    {
        var target = arguments.TargetSchema ?? await LoadTargetSchemaAsync(ct);
        await using var database = OpenDatabase();
        var migrator = NewMigrator(database, revisions, MigratorOptions());
        // As Alembic: comparing a database that is behind its scripts would regenerate what they already do.
        if (await NotUpToDateAsync(migrator, ct) is { } behind)
            throw new RetortException(behind + " Run 'retort upgrade heads' first, then autogenerate the next revision.");
        var diff = await Autogenerator.CompareAsync(database, target.Build(), target.Options with { EmitRenames = arguments.Renames }, ct);
        var upgrade = new StringBuilder();
        foreach (var hint in diff.RenameHints.Where(_ => !arguments.Renames))
            upgrade.Append("        // POSSIBLE RENAME: ").Append(hint).Append(". Drop + add below loses the data; rerun with --renames to write a rename.\n");
        upgrade.Append(MigrationCodeWriter.Write(diff.Operations));
        var lint = PlanLinter.Lint(database.Dialect, [new LintRevision(new RevisionInfo("new", [], [], [], ""), "the new revision", diff.Operations)]);
        return new Generated(diff, upgrade.ToString(), MigrationCodeWriter.Write(diff.ReverseOperations), lint.Findings);
    }

    /// <summary>"The database is not up to date (…)." when its applied heads are not the scripts' heads; null when they are.</summary>
    private static async Task<string?> NotUpToDateAsync(Migrator migrator, CancellationToken ct)
    {
        var current = (await migrator.GetCurrentAsync(ct)).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        var heads = migrator.Revisions.Graph.Heads.Select(h => h.Id).Order(StringComparer.Ordinal).ToList();
        return current.SequenceEqual(heads) ? null
            : $"The database is not up to date (it is at {(current.Count == 0 ? "base" : string.Join(", ", current))}, the scripts' heads are {string.Join(", ", heads)}).";
    }
}

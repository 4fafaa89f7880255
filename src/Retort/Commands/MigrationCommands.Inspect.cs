using Retort.Connections;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;

namespace Retort.Commands;

public sealed partial class MigrationCommands
{
    /// <summary>
    /// The revisions the database is at, the revisions partly applied, and what an upgrade would refuse (a version
    /// table that contradicts the history, edited revisions). A SQLite file that does not exist is reported at base
    /// and is not created.
    /// </summary>
    public async Task<CurrentResult> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
        // Reading it would create an empty file: a mistyped path must not leave one behind.
        if (database.OpeningCreatesDatabase)
            return new CurrentResult(database.DisplayName, false, [], [], null, migrator.Revisions);
        var heads = await migrator.GetCurrentAsync(cancellationToken);
        var inProgress = new List<PartialRevision>();
        foreach (var revision in (await migrator.GetInProgressAsync(cancellationToken)).GroupBy(p => p.Revision))
        {
            var known = migrator.Revisions.Graph.TryGet(revision.Key, out _);
            var undoing = revision.Select(p => p.Direction).Distinct().Count() > 1;
            foreach (var partial in revision.GroupBy(p => p.Direction))
            {
                var data = partial.Where(p => p.RowsDone > 0 || !p.Finished).ToList();
                inProgress.Add(new PartialRevision(revision.Key, partial.Key, known, undoing, partial.Count(p => p.Finished), data.Count, data.Sum(p => p.RowsDone)));
            }
        }
        var problem = await ProblemAsync(migrator, cancellationToken);
        return new CurrentResult(database.DisplayName, true, heads, inProgress, problem, migrator.Revisions) { Waiting = await migrator.GetWaitingAsync(cancellationToken) };
    }

    /// <summary>
    /// The revisions, newest first, limited to <paramref name="range"/> (<c>START:END</c>, either side optional: ids,
    /// labels, <c>base</c>, <c>head(s)</c>, <c>current</c>). The database is read when <paramref name="indicateCurrent"/>
    /// is set or the range names <c>current</c>; <paramref name="findEdited"/> also looks for applied revisions edited
    /// since, when a database is configured and reachable (otherwise says so through <see cref="CommandConfig.Progress"/>).
    /// </summary>
    public async Task<HistoryResult> HistoryAsync(string? range = null, bool indicateCurrent = false, bool findEdited = false,
        CancellationToken cancellationToken = default)
    {
        var needCurrent = indicateCurrent || (range?.Contains("current", StringComparison.Ordinal) ?? false);
        RevisionSet revisions;
        IReadOnlyList<string> current = [];
        IReadOnlyList<EditedRevision> edited = [];
        IReadOnlyDictionary<string, string> allowed = new Dictionary<string, string>();
        IReadOnlyList<string> waiting = [];
        await using var database = needCurrent ? OpenDatabase() : findEdited ? TryOpenDatabase() : null;
        if (database is not null)
        {
            var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
            revisions = migrator.Revisions;
            // A database file that does not exist is at base; reading it would create it.
            if (!database.OpeningCreatesDatabase)
            {
                if (needCurrent) current = (await migrator.GetCurrentAsync(cancellationToken)).Select(r => r.Id).ToList();
                if (needCurrent) allowed = AllowedFindings(await migrator.GetHistoryAsync(cancellationToken));
                if (needCurrent) waiting = (await migrator.GetWaitingAsync(cancellationToken)).Select(w => w.Revision.Id).ToList();
                if (findEdited)
                {
                    try { edited = await migrator.FindEditedRevisionsAsync(cancellationToken); }
                    catch (RetortException e) when (!needCurrent) { Log?.Invoke("Edited revisions not looked for: " + e.Message); }
                }
            }
        }
        else revisions = await LoadRevisionsAsync(cancellationToken);
        return new HistoryResult(Select(revisions.Graph, range, current).ToList(), current, edited, revisions) { Allowed = allowed, Waiting = waiting };
    }

    // The allowances of each revision's latest upgrade.
    private static Dictionary<string, string> AllowedFindings(IReadOnlyList<HistoryEntry> history)
    {
        var allowed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in history.Where(e => e.Direction == "upgrade"))
            if (entry.Allowed is { } text) allowed[entry.Revision] = text; else allowed.Remove(entry.Revision);
        return allowed;
    }

    /// <summary>The head revisions (the tips of every branch).</summary>
    public async Task<HeadsResult> HeadsAsync(CancellationToken cancellationToken = default)
    {
        var revisions = await LoadRevisionsAsync(cancellationToken);
        return new HeadsResult(revisions.Graph.Heads, revisions);
    }

    /// <summary>The branch points (revisions more than one revision builds on) and their children.</summary>
    public async Task<BranchesResult> BranchesAsync(CancellationToken cancellationToken = default)
    {
        var revisions = await LoadRevisionsAsync(cancellationToken);
        var graph = revisions.Graph;
        return new BranchesResult(graph.BranchPoints.Select(p => new BranchPoint(p, graph.Children(p.Id))).ToList(), revisions);
    }

    /// <summary>
    /// The revisions <paramref name="revision"/> names (an id or prefix, a branch label, <c>head</c>, <c>label@head</c>),
    /// each with its upgrade and downgrade plans.
    /// </summary>
    public async Task<ShowResult> ShowAsync(string revision, CancellationToken cancellationToken = default)
    {
        var revisions = await LoadRevisionsAsync(cancellationToken);
        var shown = new List<RevisionDetail>();
        foreach (var id in revisions.Graph.ResolveUpgradeTarget(revision, []).Revisions)
        {
            var script = revisions[id].Script;
            shown.Add(new RevisionDetail(revisions.Graph.Get(id), revisions[id].Location, script.IrreversibleReason,
                Plan(script.BuildUpgrade), script.IrreversibleReason is null ? Plan(script.BuildDowngrade) : null));
        }
        return new ShowResult(shown, revisions);

        static RevisionPlan Plan(Action<Op> build)
        {
            var op = new Op();
            try { build(op); }
            catch (RetortException e) { return new RevisionPlan([], e.Message); }
            return new RevisionPlan(op.Plan, null);
        }
    }

    private Database? TryOpenDatabase()
    {
        try { return OpenDatabase(); }
        catch (RetortException e)
        {
            Log?.Invoke("Edited revisions not looked for: " + e.Message);
            return null;
        }
    }

    /// <summary>What an upgrade would refuse (the version table contradicting the history, edited revisions); null when nothing.</summary>
    private static async Task<string?> ProblemAsync(Migrator migrator, CancellationToken ct)
    {
        try
        {
            await migrator.ValidateAsync(ct);
            return null;
        }
        catch (Exception e) when (e is VersionTableMismatchException or EditedRevisionsException)
        {
            return e.Message;
        }
    }

    private static IEnumerable<RevisionInfo> Select(RevisionGraph graph, string? range, IReadOnlyList<string> current)
    {
        IEnumerable<RevisionInfo> all = graph.All.Reverse();
        if (string.IsNullOrEmpty(range)) return all;
        var colon = range.IndexOf(':');
        if (colon < 0)
            throw new RetortException($"The range '{range}' needs a colon: START:END, :END or START: (for example base:head or ae10:).");
        var start = Resolve(graph, range[..colon], current);
        var end = Resolve(graph, range[(colon + 1)..], current);
        var from = start is null ? null : start.SelectMany(id => graph.Descendants(id).Select(d => d.Id).Append(id)).ToHashSet();
        var to = end is null ? null : end.SelectMany(id => graph.Ancestors(id).Select(d => d.Id).Append(id)).ToHashSet();
        return all.Where(r => (from is null || from.Contains(r.Id)) && (to is null || to.Contains(r.Id)));
    }

    /// <summary>The revisions a range end names; null means unbounded.</summary>
    private static IReadOnlyList<string>? Resolve(RevisionGraph graph, string text, IReadOnlyList<string> current) => text switch
    {
        "" or "base" => null,
        "heads" or "head" when text == "heads" || graph.Heads.Count <= 1 => null,
        "current" => current,
        _ => graph.ResolveUpgradeTarget(text, []).Revisions,
    };
}

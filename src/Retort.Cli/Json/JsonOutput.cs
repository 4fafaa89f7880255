using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Retort.Cli.Internal;
using Retort.Commands;
using Retort.Revisions;

namespace Retort.Cli.Json;

/// <summary>The <c>--json</c> option and how its documents are made from the commands' results and written.</summary>
internal static class JsonOutput
{
    /// <summary>The schema version every document and event carries; it changes only when a field changes meaning or goes away.</summary>
    public const int SchemaVersion = 1;

    public static Option<bool> Option(string what) => new("--json")
    {
        Description = $"Print {what} as JSON on standard output (schema: docs/json-output.md); errors stay on standard error.",
    };

    /// <summary>Writes one document, indented, and a new line.</summary>
    public static async Task WriteAsync<T>(CliSetup setup, T document, JsonTypeInfo<T> type, CancellationToken ct)
    {
        await setup.Out.WriteAsync(JsonSerializer.Serialize(document, type) + "\n");
        await setup.Out.FlushAsync(ct);
    }

    public static RevisionJson Revision(RevisionGraph graph, RevisionInfo info) =>
        new(info.Id, info.DownRevisions, info.BranchLabels, info.DependsOn, info.Message, IsHead(graph, info), IsBranchPoint(graph, info), info.IsMerge);

    public static IReadOnlyList<RevisionJson> Revisions(RevisionGraph graph, IEnumerable<RevisionInfo> infos) => infos.Select(i => Revision(graph, i)).ToList();

    public static CurrentJson Current(CurrentResult r) => new(SchemaVersion, "current", r.Database, r.DatabaseExists, Revisions(r.Revisions.Graph, r.Heads),
        r.InProgress.Select(p => new PartialRevisionJson(p.Revision, p.Direction, p.Known, p.Undoing, p.StepsDone, p.DataSteps, p.RowsCheckpointed)).ToList(),
        r.Problem, r.Waiting.Select(w => new WaitingRevisionJson(w.Revision.Id, w.OldVersionSchemas, w.NewVersionSchemas, w.Operations)).ToList());

    public static HeadsJson Heads(HeadsResult r) => new(SchemaVersion, "heads", Revisions(r.Revisions.Graph, r.Heads));

    public static BranchesJson Branches(BranchesResult r) => new(SchemaVersion, "branches",
        r.BranchPoints.Select(p => new BranchPointJson(Revision(r.Revisions.Graph, p.Revision), Revisions(r.Revisions.Graph, p.Children))).ToList());

    /// <param name="r">The result.</param>
    /// <param name="databaseRead">Whether the database was read (-i or a range naming current): otherwise "current" is null.</param>
    public static HistoryJson History(HistoryResult r, bool databaseRead)
    {
        var graph = r.Revisions.Graph;
        return new(SchemaVersion, "history", databaseRead ? r.Current : null, r.Shown.Select(i => new HistoryRevisionJson(
            i.Id, i.DownRevisions, i.BranchLabels, i.DependsOn, i.Message, IsHead(graph, i), IsBranchPoint(graph, i), i.IsMerge,
            databaseRead ? r.Current.Contains(i.Id) : null,
            r.Edited.FirstOrDefault(e => e.Revision == i.Id)?.AppliedAt,
            r.Allowed.TryGetValue(i.Id, out var allowed) ? allowed.Split('\n') : [])).ToList());
    }

    public static ShowJson Show(ShowResult r)
    {
        var graph = r.Revisions.Graph;
        return new(SchemaVersion, "show", r.Shown.Select(d => new RevisionDetailJson(
            d.Info.Id, d.Info.DownRevisions, d.Info.BranchLabels, d.Info.DependsOn, d.Info.Message, IsHead(graph, d.Info), IsBranchPoint(graph, d.Info),
            d.Info.IsMerge, graph.Children(d.Info.Id).Select(c => c.Id).ToList(), d.Location, d.IrreversibleReason, Plan(d.Upgrade),
            d.Downgrade is null ? null : Plan(d.Downgrade))).ToList());

        static PlanJson Plan(RevisionPlan plan) => new(plan.Operations.Select(o => o.Describe()).ToList(), plan.Error);
    }

    // A passed check is at the heads: each is a head, so none is a branch point.
    public static CheckJson Check(CheckResult r) => new(SchemaVersion, "check", true, r.Database,
        r.Heads.Select(h => new RevisionJson(h.Id, h.DownRevisions, h.BranchLabels, h.DependsOn, h.Message, true, false, h.IsMerge)).ToList(), []);

    public static CheckJson Check(CheckFailedException e) => new(SchemaVersion, "check", false, e.Database, [],
        e.Problems.Select(p => new CheckProblemJson(p.Kind, p.Message, p.Differences)).ToList());

    private static bool IsHead(RevisionGraph graph, RevisionInfo info) => graph.Heads.Any(h => h.Id == info.Id);

    private static bool IsBranchPoint(RevisionGraph graph, RevisionInfo info) => graph.BranchPoints.Any(h => h.Id == info.Id);
}

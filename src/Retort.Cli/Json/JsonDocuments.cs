namespace Retort.Cli.Json;

// The documents the reading commands print with --json, field by field as docs/json-output.md describes them.
// Every document starts with "schemaVersion" and "command"; a field is never left out: null when it has no value.

/// <summary>A revision as every document writes it.</summary>
internal sealed record RevisionJson(string Id, IReadOnlyList<string> Parents, IReadOnlyList<string> BranchLabels, IReadOnlyList<string> DependsOn,
    string Message, bool Head, bool BranchPoint, bool MergePoint);

/// <summary><c>retort current --json</c>.</summary>
internal sealed record CurrentJson(int SchemaVersion, string Command, string Database, bool DatabaseExists, IReadOnlyList<RevisionJson> Current,
    IReadOnlyList<PartialRevisionJson> InProgress, string? Problem, IReadOnlyList<WaitingRevisionJson> Waiting);

/// <summary>A revision whose online operations are expanded and wait for <c>retort complete</c>, in <c>current --json</c>.</summary>
internal sealed record WaitingRevisionJson(string Revision, IReadOnlyList<string> OldVersionSchemas, IReadOnlyList<string> NewVersionSchemas, IReadOnlyList<string> Operations);

/// <summary>A partly applied revision in <c>current --json</c>.</summary>
internal sealed record PartialRevisionJson(string Revision, string Direction, bool Known, bool Undoing, int StepsDone, int DataSteps, long RowsCheckpointed);

/// <summary><c>retort heads --json</c>.</summary>
internal sealed record HeadsJson(int SchemaVersion, string Command, IReadOnlyList<RevisionJson> Heads);

/// <summary><c>retort branches --json</c>.</summary>
internal sealed record BranchesJson(int SchemaVersion, string Command, IReadOnlyList<BranchPointJson> BranchPoints);

/// <summary>A branch point and the revisions built on it.</summary>
internal sealed record BranchPointJson(RevisionJson Revision, IReadOnlyList<RevisionJson> Children);

/// <summary><c>retort history --json</c>.</summary>
internal sealed record HistoryJson(int SchemaVersion, string Command, IReadOnlyList<string>? Current, IReadOnlyList<HistoryRevisionJson> Revisions);

/// <summary>One revision of <c>history --json</c>: the revision's fields, then what the database says about it.</summary>
internal sealed record HistoryRevisionJson(string Id, IReadOnlyList<string> Parents, IReadOnlyList<string> BranchLabels, IReadOnlyList<string> DependsOn,
    string Message, bool Head, bool BranchPoint, bool MergePoint, bool? Current, DateTimeOffset? EditedSinceAppliedAt, IReadOnlyList<string> AllowedFindings);

/// <summary><c>retort show --json</c>.</summary>
internal sealed record ShowJson(int SchemaVersion, string Command, IReadOnlyList<RevisionDetailJson> Revisions);

/// <summary>One revision of <c>show --json</c>.</summary>
internal sealed record RevisionDetailJson(string Id, IReadOnlyList<string> Parents, IReadOnlyList<string> BranchLabels, IReadOnlyList<string> DependsOn,
    string Message, bool Head, bool BranchPoint, bool MergePoint, IReadOnlyList<string> Children, string Location, string? IrreversibleReason,
    PlanJson Upgrade, PlanJson? Downgrade);

/// <summary>One direction of a revision: its operations, described, or why the plan cannot be built.</summary>
internal sealed record PlanJson(IReadOnlyList<string> Operations, string? Error);

/// <summary><c>retort check --json</c>: printed when the check ran, whether it passed (exit 0) or found problems (exit 1).</summary>
internal sealed record CheckJson(int SchemaVersion, string Command, bool Ok, string Database, IReadOnlyList<RevisionJson> Heads, IReadOnlyList<CheckProblemJson> Problems);

/// <summary>One problem <c>check</c> found.</summary>
internal sealed record CheckProblemJson(string Kind, string Message, IReadOnlyList<string> Differences);

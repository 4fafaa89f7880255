namespace Retort.Commands;

/// <summary>One reason a <see cref="MigrationCommands.CheckAsync"/> failed.</summary>
/// <param name="Kind">
/// <c>versionTable</c> (the version table contradicts the history, or applied revisions were edited: what upgrade would
/// refuse), <c>notUpToDate</c> (the database is not at the heads) or <c>schemaDiff</c> (it differs from the target schema).
/// </param>
/// <param name="Message">The problem as one paragraph, with what to do.</param>
/// <param name="Differences">For <c>schemaDiff</c>, one line per difference (and per likely rename); else empty.</param>
public sealed record CheckProblem(string Kind, string Message, IReadOnlyList<string> Differences);

using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.CompleteAsync"/> or <see cref="MigrationCommands.AbortAsync"/> did.</summary>
/// <param name="Phase"><c>complete</c> or <c>abort</c>.</param>
/// <param name="Runs">The revisions completed or aborted.</param>
/// <param name="Heads">The revisions the database is at afterwards.</param>
/// <param name="Waiting">The revisions still waiting for complete.</param>
/// <param name="Revisions">Every revision.</param>
public sealed record OnlinePhaseResult(string Phase, IReadOnlyList<OnlinePhaseRun> Runs, IReadOnlyList<RevisionInfo> Heads,
    IReadOnlyList<WaitingRevision> Waiting, RevisionSet Revisions);

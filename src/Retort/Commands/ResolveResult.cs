using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.ResolveAsync"/> did.</summary>
/// <param name="Action">What was asked.</param>
/// <param name="Revision">The revision's full id.</param>
/// <param name="Run">The run that finished or undid it (<see cref="RevisionRun.Skipped"/> when another run settled it meanwhile); null for <see cref="ResolveAction.Forget"/>.</param>
/// <param name="Heads">The revisions the database is at afterwards.</param>
/// <param name="Revisions">Every revision.</param>
public sealed record ResolveResult(ResolveAction Action, string Revision, RevisionRun? Run, IReadOnlyList<RevisionInfo> Heads, RevisionSet Revisions);

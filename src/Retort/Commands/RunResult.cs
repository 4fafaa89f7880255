using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;

namespace Retort.Commands;

/// <summary>What an online upgrade or downgrade did.</summary>
/// <param name="Direction"><c>upgrade</c> or <c>downgrade</c>.</param>
/// <param name="Runs">The revisions run, in order; empty when there was nothing to do.</param>
/// <param name="Heads">The revisions the database is at afterwards; empty at base.</param>
/// <param name="Revisions">Every revision.</param>
public sealed record RunResult(string Direction, IReadOnlyList<RevisionRun> Runs, IReadOnlyList<RevisionInfo> Heads, RevisionSet Revisions);

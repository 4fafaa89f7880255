using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Runner.Linting;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.ReportAsync"/> gathered: the state of one database and its revisions in one value.</summary>
/// <param name="Current">The database's current revisions, partly applied revisions and problems, as <c>current</c> reports them.</param>
/// <param name="History">The history table, oldest first (every upgrade, downgrade and stamp with its duration); empty when the database does not exist.</param>
/// <param name="Pending">Revisions not applied to the database, in graph order (base first).</param>
/// <param name="Lint">The lint findings of the pending revisions against the database; null when nothing is pending or linting failed.</param>
/// <param name="LintError">Why the pending revisions could not be linted; null when they were (or nothing is pending).</param>
public sealed record ReportResult(CurrentResult Current, IReadOnlyList<HistoryEntry> History, IReadOnlyList<RevisionInfo> Pending, LintReport? Lint,
    string? LintError)
{
    /// <summary>Every revision.</summary>
    public RevisionSet Revisions => Current.Revisions;
}

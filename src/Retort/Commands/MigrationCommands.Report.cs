using Retort.Runner;
using Retort.Runner.Linting;

namespace Retort.Commands;

public sealed partial class MigrationCommands
{
    /// <summary>
    /// One database's state for a report: current revisions, partly applied ones (data steps in progress), the history
    /// table with durations, the pending revisions and their lint findings against the database. Only reads; a SQLite
    /// file that does not exist is reported at base and is not created.
    /// </summary>
    public async Task<ReportResult> ReportAsync(CancellationToken cancellationToken = default)
    {
        var current = await CurrentAsync(cancellationToken);
        IReadOnlyList<HistoryEntry> history = [];
        if (current.DatabaseExists)
        {
            await using var database = OpenDatabase();
            var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
            history = await migrator.GetHistoryAsync(cancellationToken);
        }
        var graph = current.Revisions.Graph;
        var applied = current.Heads.SelectMany(h => graph.Ancestors(h.Id).Append(h)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var pending = graph.All.Where(r => !applied.Contains(r.Id)).ToList();
        LintReport? lint = null;
        string? lintError = null;
        if (pending.Count > 0)
        {
            // A report shows what it can: a lint that fails (a version table upgrade would refuse) is one line of it.
            try { lint = (await LintAsync(new LintArguments { Target = "heads", UseDatabase = current.DatabaseExists }, cancellationToken)).Report; }
            catch (RetortException e) { lintError = e.Message; }
        }
        return new ReportResult(current, history, pending, lint, lintError);
    }
}

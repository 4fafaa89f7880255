using Retort.Runner.Transactions;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>
    /// Writes the SQL an upgrade or downgrade would run, without touching a database (Alembic's offline
    /// <c>--sql</c> mode): transaction boundaries, every statement, and the version and history table statements.
    /// </summary>
    /// <param name="writer">Where the script goes.</param>
    /// <param name="up">Upgrade or downgrade.</param>
    /// <param name="range"><c>FROM:TO</c>, or just <c>TO</c> for an upgrade from base.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="OfflineNotSupportedException">A revision in the range runs C# code, or makes a change the script
    /// cannot write without reading the database (nothing is written to <paramref name="writer"/> then).</exception>
    public async Task WriteScriptAsync(TextWriter writer, bool up, string range, CancellationToken cancellationToken = default)
    {
        var colon = range.IndexOf(':');
        string? from = colon >= 0 ? range[..colon] : null;
        var to = colon >= 0 ? range[(colon + 1)..] : range;
        if (!up && from is null)
            throw new RetortException($"An offline downgrade needs a starting point: write FROM:TO (for example head:base), not '{range}'.");
        var startHeads = from is null or "base" ? [] : Graph.Normalize(Graph.ResolveUpgradeTarget(from, []).Revisions).ToList();
        var path = up ? Graph.UpgradePath(startHeads, to) : Graph.DowngradePath(startHeads, to);
        var plans = path.Select(info => new RevisionPlan(info, PlanFor(info, up), up)).ToList();
        CheckSingleTransaction(plans, online: false);
        plans = await GateAsync(plans, connection: null, cancellationToken);
        // A script from a starting point may meet a history table older than its allowed column: the allowances are
        // written as comments instead of into the history rows.
        var allowedNotes = startHeads.Count == 0 ? [] : plans.Where(p => p.Allowed is not null)
            .Select(p => $"Lint findings allowed in {p.Info.Id}: {p.Allowed!.Replace("\n", "; ")}").ToList();
        if (allowedNotes.Count > 0) plans = plans.Select(p => p with { Allowed = null }).ToList();

        // The SQLite rebuild needs every table's definition: replay the revisions below the starting point.
        var tracker = new SchemaTracker();
        foreach (var info in Graph.UpgradePath([], from is null or "base" ? "base" : from))
            tracker.Apply(BuildPlan(Revisions[info.Id], up: true), info.Id);
        // Rendered in full first: a revision that cannot be rendered leaves nothing half written.
        var script = new StringWriter();
        await RenderScriptAsync(script, up, from, to, startHeads, plans, tracker, allowedNotes, cancellationToken);
        await writer.WriteAsync(script.ToString());
        await writer.FlushAsync(cancellationToken);
    }

    private async Task RenderScriptAsync(TextWriter writer, bool up, string? from, string to, List<string> startHeads,
        List<RevisionPlan> plans, SchemaTracker tracker, IReadOnlyList<string> notes, CancellationToken cancellationToken)
    {
        var dialect = _database.Dialect;
        await using var executor = new ScriptExecutor(writer, dialect, tracker);
        executor.Comment($"Retort offline script: {(up ? "upgrade" : "downgrade")} {from ?? "base"} -> {to} ({dialect.Name})");
        foreach (var note in notes) executor.Comment(note);
        if (startHeads.Count == 0 && up)
        {
            await executor.BeginAsync(cancellationToken);
            await _versions.EnsureTablesAsync(executor, cancellationToken);
            await executor.CommitAsync(cancellationToken);
        }
        var run = NewRun(executor, startHeads);
        await TransactionStrategy.For(run, Options.SingleTransaction).RunAsync(plans, new HashSet<string>(), cancellationToken);
    }
}

using System.Data.Common;
using Retort.Dialects;
using Retort.Lint;
using Retort.Operations;
using Retort.Runner.Linting;
using Retort.Schema;
using Retort.Sql;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>
    /// Lints the revisions an upgrade to <paramref name="target"/> would run on this database (as
    /// <see cref="LintLiveAsync"/>), then runs their statements one by one on the shadow database
    /// <paramref name="shadowConnectionString"/> names (which must hold this database's schema and nothing the
    /// application uses) and records, per statement, the locks it took and the tables it rewrote beside the claims of
    /// the findings' rules. This database is only read. Stops at the first statement that fails on the shadow
    /// (<see cref="LintVerification.Failure"/>).
    /// </summary>
    /// <param name="target">The upgrade target.</param>
    /// <param name="shadowConnectionString">The shadow database; its statements stay applied.</param>
    /// <param name="shadowName">The shadow as printed (password hidden).</param>
    /// <param name="scratch">True when the shadow is a scratch database made for this run.</param>
    /// <param name="schema">This database's tables, as reflected (what the shadow was made from).</param>
    /// <param name="options">Allowances.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <exception cref="RetortException">The dialect cannot verify, or linting failed.</exception>
    public async Task<LintReport> LintVerifyAsync(string target, string shadowConnectionString, string shadowName, bool scratch,
        IReadOnlyList<Table> schema, LintOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shadowConnectionString);
        var dialect = _database.Dialect;
        if (!dialect.Lint.CanVerify)
            throw new RetortException($"lint --verify runs the plan on a PostgreSQL shadow database; {dialect.Name} cannot report the locks a statement takes. Leave out --verify.");
        List<LintRevision> revisions;
        LintReport report;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
        {
            await using var executor = new OnlineExecutor(connection, dialect, _logger);
            var (heads, _) = await ReadCheckedStateAsync(executor, up: true, cancellationToken);
            revisions = Graph.UpgradePath(heads, target).Select(info => ForLint(info, PlanFor(info, up: true))).ToList();
            report = await LintWithLiveAsync(connection, revisions, options ?? new LintOptions(), cancellationToken);
        }
        var version = report.ServerVersion ?? new Version(0, 0);
        var tracker = new SchemaTracker(schema);
        var statements = new List<VerifiedStatement>();
        string? failure = null;
        foreach (var revision in revisions)
        {
            // As upgrade runs it: operations on tables that exist before the revision as the dialect's safe recipes,
            // whose steps keep the position of the operation they stand for (the findings' OperationIndex).
            var steps = dialect.Generator.SafeRecipes(revision.Plan);
            int PlanIndex(MigrationOperation step)
            {
                var source = step is RecipeStep recipe ? recipe.Source : step;
                for (var i = 0; i < revision.Plan.Count; i++)
                    if (ReferenceEquals(revision.Plan[i], source)) return i;
                return -1;
            }
            foreach (var group in dialect.Generator.GroupOperations(steps))
            {
                var indexes = group.Select(PlanIndex).Where(i => i >= 0).ToList();
                var first = indexes.Count == 0 ? 0 : indexes.Min();
                var operation = string.Join("; ", group.Select(o => o.Describe()));
                var findings = report.Findings.Where(f => f.Revision == revision.Info.Id && f.OperationIndex is { } at && indexes.Contains(at)).ToList();
                IReadOnlyList<MigrationStep> compiled;
                try { compiled = await dialect.Generator.CompileAsync(group, tracker, cancellationToken); }
                catch (RetortException e)
                {
                    failure = $"Revision {revision.Info.Id}, operation {first + 1} ({operation}) could not be compiled: {e.Message}";
                    break;
                }
                var own = new List<VerifiedStatement>();
                foreach (var step in compiled)
                {
                    if (step is not MigrationStep.Sql sql)
                    {
                        own.Add(new VerifiedStatement(revision.Info.Id, first, operation, "")
                        {
                            Skipped = step is MigrationStep.Code ? "C# code step: not run on the shadow" : "data step: not run on the shadow (it holds no rows)",
                        });
                        continue;
                    }
                    var text = SqlParameters.Render(sql.Statement.Sql, sql.Statement.Parameters, dialect.RenderLiteral, dialect.SqlFlavor);
                    foreach (var one in SqlSplitter.Split(text, dialect.SqlFlavor))
                    {
                        if (string.IsNullOrWhiteSpace(SqlWords.WithoutLeadingComments(one, dialect.SqlFlavor))) continue;
                        try
                        {
                            var observed = await dialect.Lint.ObserveAsync(shadowConnectionString, one, cancellationToken);
                            own.Add(new VerifiedStatement(revision.Info.Id, first, operation, one) { Observed = observed });
                        }
                        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
                        {
                            own.Add(new VerifiedStatement(revision.Info.Id, first, operation, one) { Error = e.Message });
                            failure = $"Revision {revision.Info.Id}, operation {first + 1} ({operation}) failed on the shadow database: {e.Message}";
                            break;
                        }
                    }
                    if (failure is not null) break;
                }
                // The tracked schema follows the operations the recipes stand for, as an offline script's does.
                tracker.Apply(group.Select(o => o is RecipeStep r ? (r.AppliesSource ? r.Source : null) : o).OfType<MigrationOperation>(), revision.Info.Id);
                statements.AddRange(WithClaims(dialect, own, findings, version));
                if (failure is not null) break;
            }
            if (failure is not null) break;
        }
        return report with { Verification = new LintVerification(shadowName, scratch, statements) { Failure = failure } };
    }

    // A finding about one statement of raw SQL is checked against that statement; one about an operation, against
    // the statement of it that took the strongest hold on the table (an operation may send several).
    private static List<VerifiedStatement> WithClaims(Dialect dialect, List<VerifiedStatement> statements, List<LintFinding> findings, Version version)
    {
        var claims = statements.Select(_ => new List<VerifiedClaim>()).ToList();
        foreach (var finding in findings)
        {
            if (finding.Rule.Lock is null || finding.Table is null) continue;
            var candidates = Enumerable.Range(0, statements.Count).Where(i => statements[i].Observed is not null).ToList();
            if (finding.Statement is { } written)
                candidates = candidates.Where(i => SameStatement(SqlWords.WithoutLeadingComments(statements[i].Sql, dialect.SqlFlavor), written)).ToList();
            if (candidates.Count == 0) continue;
            var results = candidates.Select(i => (Index: i, Difference: dialect.Lint.Disagreement(finding.Rule, finding.Table, statements[i].Observed!.For(finding.Table), version))).ToList();
            var chosen = results.FirstOrDefault(r => r.Difference is null);
            if (chosen == default) chosen = results[0];
            claims[chosen.Index].Add(new VerifiedClaim(finding, finding.Table, chosen.Difference));
        }
        return statements.Select((s, i) => s with { Claims = claims[i] }).ToList();
    }

    private static bool SameStatement(string a, string b) => Squeeze(a) == Squeeze(b);

    private static string Squeeze(string sql) => string.Join(' ', sql.Split([' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd(';', ' ');
}

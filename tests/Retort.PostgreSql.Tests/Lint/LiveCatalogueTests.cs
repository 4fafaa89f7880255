using Retort.Connections;
using Retort.Lint;
using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Revisions;
using Retort.Runner;
using Retort.Runner.Linting;
using Retort.Specification.Lint;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.Lint;

/// <summary>
/// <c>retort lint --url</c> on PostgreSQL: the server's version and each table's rows and size come from the catalogue
/// (<c>pg_class</c>); a finding on an empty table becomes a note, one on a table with rows carries an estimate.
/// </summary>
public sealed class LiveCatalogueTests
{
    private static readonly string Scheme = LintTestDialect.Register(new PostgreSqlDialect());

    [PgFact]
    public async Task An_empty_table_downgrades_a_finding_to_a_note_and_a_table_with_rows_gets_an_estimate()
    {
        await using var db = await PgDatabase.CreateAsync();
        await db.ExecAsync("CREATE TABLE big (id integer PRIMARY KEY, name text); INSERT INTO big SELECT i, 'name ' || i FROM generate_series(1, 5000) i; ANALYZE big;" +
            "CREATE TABLE fresh (id integer PRIMARY KEY, name text); CREATE TABLE unanalysed (id integer PRIMARY KEY, name text);" +
            "INSERT INTO unanalysed SELECT i, 'x' FROM generate_series(1, 7) i;");
        await using var database = Database.Open(db.Url.Replace("postgresql:", Scheme + ":"));
        Assert.IsType<LintTestDialect>(database.Dialect);
        var migrator = new Migrator(database, new RevisionSet([new Revision(RevisionInfo.Create("r1", null, "index"), new InlineScript(op =>
        {
            op.CreateIndex("ix_big_name", "big", ["name"]);
            op.CreateIndex("ix_fresh_name", "fresh", ["name"]);
            op.CreateIndex("ix_unanalysed_name", "unanalysed", ["name"]);
        }))]));

        var offline = migrator.Lint();
        Assert.All(offline.Findings, f => Assert.Equal(LintSeverity.Error, f.Severity));
        Assert.False(offline.UsedLiveStats);

        var live = await migrator.LintLiveAsync();
        Assert.True(live.UsedLiveStats);
        Assert.True(live.ServerVersion is { Major: >= 10 }, $"server version {live.ServerVersion}");
        var big = live.Findings.Single(f => f.Table == "big");
        Assert.Equal(LintSeverity.Error, big.Severity);
        var bytes = (long)(await db.ScalarAsync("SELECT pg_total_relation_size('big')"))!;
        Assert.Equal(LintEstimate.Describe(TestChecks.Index, "big", new TableStats(5000, bytes)), big.Estimate);
        Assert.StartsWith("scans big, ", big.Estimate);
        Assert.Contains("5,000 rows", big.Estimate);
        Assert.EndsWith("under ShareLock", big.Estimate);
        var fresh = live.Findings.Single(f => f.Table == "fresh");
        Assert.Equal(LintSeverity.Note, fresh.Severity);
        Assert.Null(fresh.Estimate);
        // Never analysed (reltuples -1): its rows are counted.
        Assert.Contains("7 rows", live.Findings.Single(f => f.Table == "unanalysed").Estimate);
        Assert.DoesNotContain(live.Blocking, f => f.Table == "fresh");
    }
}

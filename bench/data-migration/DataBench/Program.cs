// Times one Retort data step on the benchmark's table "old" (id, data): "transform" copies every row upper-cased
// into "new_retort" through C# (typed rows, batched, COPY on PostgreSQL); "backfill" fills old.data_upper with
// upper(data) in keyset batches; "backfill-copy" does the same by copy and swap (PostgreSQL). Prints seconds, rows per second and the process's peak working set.
using System.Diagnostics;
using System.Globalization;
using DataBench;
using Retort.Connections;
using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;

if (args.Length < 2 || args[1] is not ("transform" or "backfill" or "backfill-copy"))
{
    Console.Error.WriteLine("usage: DataBench <database-url> transform|backfill|backfill-copy [batch-size]");
    return 2;
}
_ = typeof(Retort.PostgreSql.PostgreSqlDialect);
_ = typeof(Retort.Sqlite.SqliteDialect);
var batching = new BatchOptions
{
    BatchSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000,
    TargetBatchDuration = TimeSpan.FromMilliseconds(500),
    MaxBatchSize = 100_000,
};
Action<Op> upgrade = args[1] == "transform"
    ? op =>
    {
        op.CreateTable("new_retort", new Column("id", SqlType.BigInteger, primaryKey: true), new Column("data", SqlType.Text, nullable: false));
        op.Transform<OldRow, NewRow>("old", "new_retort", r => new NewRow(r.Id, r.Data.ToUpperInvariant()), batching: batching);
    }
    : op => op.Backfill("old", "data_upper = upper(data)", batching: batching,
        strategy: args[1] == "backfill-copy" ? BackfillStrategy.CopyAndSwap : BackfillStrategy.InPlace);
await using var database = Database.Open(args[0]);
var migrator = new Migrator(database, new RevisionSet([new Revision(RevisionInfo.Create("bench1", null, "bench"), new BenchScript(upgrade))]),
    new MigratorOptions { VersionTable = "bench_version", HistoryTable = "bench_history", ProgressTable = "bench_progress" });
var watch = Stopwatch.StartNew();
var runs = await migrator.UpgradeAsync("head");
watch.Stop();
var rows = runs.Sum(r => r.Rows ?? 0);
using var self = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{args[1]} rows={rows} seconds={watch.Elapsed.TotalSeconds:0.000} rows_per_s={rows / watch.Elapsed.TotalSeconds:0} peak_mib={self.PeakWorkingSet64 / 1048576.0:0}"));
return 0;

// Runs one expand/contract command (upgrade = expand with its backfill, complete, abort) of one online revision
// against the database URL given as the first argument. The kill tests start it, kill it with kill -9 at a point
// chosen from a seed (RETORT_PROBE_HOLD_AT=N: the run holds at its N-th logged event until killed) or after a batch
// of the backfill (RETORT_PROBE_HOLD_AFTER_BATCH=K), start it again
// and compare everything with an uninterrupted run.
using System.Globalization;
using System.Reflection;
using Retort;
using Retort.Connections;
using Retort.ExpandContractProbe;
using Retort.Migrations;
using Retort.Runner;

if (args is not [var url, var command, var revision])
{
    Console.Error.WriteLine("usage: Retort.ExpandContractProbe <database-url> upgrade|complete|abort <revision>");
    return 2;
}
try
{
    _ = typeof(Retort.PostgreSql.PostgreSqlDialect); // registers the postgresql:// scheme
    var holdAt = int.TryParse(Environment.GetEnvironmentVariable("RETORT_PROBE_HOLD_AT"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
    var logger = new HoldingLogger(holdAt);
    await using var database = Database.Open(url);
    var revisions = new RevisionSet(RevisionSet.Discover(Assembly.GetExecutingAssembly()).Where(r => r.Id == revision));
    var migrator = new Migrator(database, revisions, logger: logger);
    // RETORT_PROBE_HOLD_AFTER_BATCH=K holds the run once the K-th batch of a backfill has committed (while more remain),
    // so a kill lands mid-backfill whatever sizes the adaptive batching picks on this machine.
    var holdAfterBatch = int.TryParse(Environment.GetEnvironmentVariable("RETORT_PROBE_HOLD_AFTER_BATCH"), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : (int?)null;
    var batches = 0;
    migrator.DataProgressReported += p =>
    {
        Console.Out.WriteLine($"progress step={p.Step} done={p.RowsDone} written={p.RowsWritten} resumed={p.Resumed} finished={p.Finished}");
        if (++batches != holdAfterBatch || p.Finished) return;
        Console.Out.WriteLine("holding for the kill");
        Thread.Sleep(Timeout.Infinite);
    };
    switch (command)
    {
        case "upgrade":
            await migrator.UpgradeAsync(revision);
            break;
        case "complete":
            await migrator.CompleteAsync(revision);
            break;
        case "abort":
            await migrator.AbortAsync(revision);
            break;
        default:
            Console.Error.WriteLine($"unknown command '{command}'");
            return 2;
    }
    Console.Out.WriteLine($"events={logger.Events}");
    return 0;
}
catch (RetortException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

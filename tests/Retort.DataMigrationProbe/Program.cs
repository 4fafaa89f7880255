// Runs "upgrade head" of one data revision against the database URL given as the first argument. The
// kill-and-resume tests start it, kill it while its batches commit, start it again and compare the result
// with an uninterrupted run.
using System.Reflection;
using Retort;
using Retort.Connections;
using Retort.Migrations;
using Retort.Runner;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Retort.DataMigrationProbe <database-url>");
    return 2;
}
try
{
    // Load the dialect assemblies so their URL schemes register.
    _ = typeof(Retort.PostgreSql.PostgreSqlDialect);
    _ = typeof(Retort.Sqlite.SqliteDialect);
    await using var database = Database.Open(args[0]);
    var migrator = new Migrator(database, RevisionSet.FromAssemblies(Assembly.GetExecutingAssembly()));
    // RETORT_PROBE_STOP_AT=STEP:ROWS holds the run after the batch that takes step STEP's checkpoint to ROWS rows, until
    // the watching test kills it: the kill lands there however slow the machine is.
    if (Environment.GetEnvironmentVariable("RETORT_PROBE_STOP_AT") is { Length: > 0 } stopAt && stopAt.Split(':') is [var step, var rows])
        migrator.DataProgressReported += p =>
        {
            if (p.Step == int.Parse(step) && p.RowsDone >= long.Parse(rows) && !p.Finished)
            {
                Console.WriteLine("holding for the kill");
                Thread.Sleep(Timeout.Infinite);
            }
        };
    var runs = await migrator.UpgradeAsync("head");
    Console.WriteLine($"applied={runs.Count(r => !r.Skipped)} rows={runs.Sum(r => r.Rows ?? 0)}");
    return 0;
}
catch (RetortException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

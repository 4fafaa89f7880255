// Runs "upgrade head" of one data revision against the database URL given as the first argument. The
// kill-and-resume tests start it, kill it part way, start it again and compare the result with an uninterrupted run.
using System.Globalization;
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
    // RETORT_PROBE_HOLD_AT=STEP:ROWS: once step STEP has committed ROWS rows, the probe stops where it is and says
    // "holding" (inside the transform's next batch, its transaction open; between two batches of the backfill), so the
    // test kills it exactly there, however fast or loaded the machine.
    if (Environment.GetEnvironmentVariable("RETORT_PROBE_HOLD_AT") is { Length: > 0 } hold)
    {
        var parts = hold.Split(':');
        var (step, rows) = (int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        migrator.DataProgressReported += p =>
        {
            if (p.Step != step || p.RowsDone < rows) return;
            if (step == Retort.DataMigrationProbe.D1.TransformStep) Retort.DataMigrationProbe.D1.HoldInTransform();
            else Retort.DataMigrationProbe.D1.HoldHere();
        };
    }
    var runs = await migrator.UpgradeAsync("head");
    Console.WriteLine($"applied={runs.Count(r => !r.Skipped)} rows={runs.Sum(r => r.Rows ?? 0)}");
    return 0;
}
catch (RetortException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

// Runs "upgrade head" once against the database URL given as the first argument. The concurrency test starts
// several of these at once and checks that every revision was applied exactly once.
using System.Reflection;
using Retort;
using Retort.Connections;
using Retort.Migrations;
using Retort.Runner;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Retort.PostgreSql.ConcurrencyProbe <postgresql-url>");
    return 2;
}
try
{
    _ = typeof(Retort.PostgreSql.PostgreSqlDialect); // loads the dialect assembly so its URL schemes register
    var database = Database.Open(args[0]);
    var migrator = new Migrator(database, RevisionSet.FromAssemblies(Assembly.GetExecutingAssembly()),
        new MigratorOptions { LockTimeout = TimeSpan.FromMinutes(2) });
    var runs = await migrator.UpgradeAsync("head");
    Console.WriteLine($"applied={runs.Count(r => !r.Skipped)} skipped={runs.Count(r => r.Skipped)}");
    return 0;
}
catch (RetortException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

using Retort;
using Retort.Connections;
using Retort.PublishedApp;
using Retort.Migrations;
using Retort.Runner;

// Usage: Retort.PublishedApp [--no-register] URL...
// Migrates each database to head and prints its tables with their columns, one line per database.
// Without --no-register the app registers its dialects, as a single-file, trimmed or Native AOT app must; with it, it
// shows the error an app that forgot gets (the dialects' assemblies are inside the file, never loaded).
if (!args.Contains("--no-register")) Dialects.Register();

// Named, not scanned for: nothing to keep for the trimmer.
var revisions = new RevisionSet([Revision.FromClass<CreateAccounts>(), Revision.FromClass<AddEmail>()]);
try
{
    foreach (var url in args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)))
    {
        await using var database = Database.Open(url);
        var migrator = new Migrator(database, revisions);
        await migrator.UpgradeAsync("head");
        var heads = await migrator.GetCurrentHeadIdsAsync();
        var tables = await database.ReflectAsync();
        Console.WriteLine($"{database.Dialect.Name} at {string.Join(",", heads)}: " + string.Join("; ", tables
            .Where(t => !t.Name.StartsWith("retort_", StringComparison.Ordinal))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => $"{t.Name}({string.Join(",", t.Columns.Select(c => c.Name))})")));
    }
    return 0;
}
catch (RetortException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}

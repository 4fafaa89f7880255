using Retort.Cli;
using Retort.Connections;
using ZeroDowntime;

// The migrations environment runs itself (dotnet run --project samples/ZeroDowntime -- --url URL upgrade head, complete,
// abort, current, ...); "app 1|2 URL add NAME | rename ID NAME | list" runs one version of the application.
if (args is ["app", var v, var url, .. var rest] && int.TryParse(v, out var version) && version is 1 or 2)
{
    _ = typeof(Retort.PostgreSql.PostgreSqlDialect); // registers postgresql:// URLs
    await using var database = Database.Open(url);
    var app = new CustomerApp(database, version);
    switch (rest)
    {
        case ["add", var name]:
            Console.WriteLine($"version {version} added customer {await app.AddAsync(name, null)}");
            return 0;
        case ["rename", var id, var name]:
            await app.RenameAsync(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), name);
            return 0;
        case ["list"]:
            foreach (var (id, name) in await app.ListAsync()) Console.WriteLine($"{id} | {name}");
            return 0;
    }
    Console.Error.WriteLine("usage: app 1|2 URL add NAME | rename ID NAME | list");
    return 2;
}
return await RetortCommandLine.RunAsync(args, new RetortCommandLineOptions { RevisionsAssembly = typeof(CustomerApp).Assembly });

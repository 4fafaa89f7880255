using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Dialects;
using Retort.Environments;
using Retort.Fleet;

namespace Retort.Cli.Commands;

/// <summary>The options that say which targets a fleet command works on and how it runs them.</summary>
internal sealed class FleetTargetOptions
{
    public Option<string?> Targets { get; } = new("--targets") { Description = "A file with one database URL per line (# comments; relative SQLite paths are relative to the file)." };

    public Option<string?> TargetsSql { get; } = new("--targets-sql")
    {
        Description = "A query on the control database (--url, default the environment's URL) returning one target URL per row.",
    };

    public Option<string?> SchemasSql { get; } = new("--schemas-sql")
    {
        Description = "PostgreSQL schema-per-tenant: a query on the --url database returning one schema name per row; each schema is a target.",
    };

    public Option<int> Parallelism { get; } = new("-j") { Description = "Targets run at once (default 4).", DefaultValueFactory = _ => 4 };

    public Option<int> Canary { get; } = new("--canary") { Description = "Run N targets first; any failure among them stops the fleet." };

    public Option<string?> Stage { get; } = new("--stage") { Description = "Waves after the canary, as growing shares or counts (1%,10%,100% or 5,50); each wave finishes before the next." };

    public Option<int> MaxFailures { get; } = new("--max-failures") { Description = "Failures tolerated before the fleet stops starting targets (default 0: stop at the first)." };

    public Option<string?> Status { get; } = StatusOption();

    public static Option<string?> StatusOption() => new("--status")
    {
        Description = "The status table's database: a URL or a SQLite file. Default: the control database with --targets-sql, else retort-fleet.db next to retort.json.",
    };

    public void AddTo(Command command, bool running)
    {
        command.Options.Add(Targets);
        command.Options.Add(TargetsSql);
        command.Options.Add(SchemasSql);
        command.Options.Add(Parallelism);
        if (running)
        {
            command.Options.Add(Canary);
            command.Options.Add(Stage);
            command.Options.Add(MaxFailures);
            command.Options.Add(Status);
        }
    }

    /// <summary>The fleet these options describe; bad input is a <see cref="FleetInputException"/> (exit 2).</summary>
    public FleetMigrator Fleet(CliContext ctx, IReadOnlyCollection<string> allow, bool running)
    {
        var commands = ctx.Commands();
        var given = new (string Name, string? Value)[] { ("--targets", ctx.Get(Targets)), ("--targets-sql", ctx.Get(TargetsSql)), ("--schemas-sql", ctx.Get(SchemasSql)) }
            .Where(o => o.Value is not null).ToList();
        if (given.Count != 1)
            throw new FleetInputException(given.Count == 0
                ? "Say which databases the fleet is: --targets FILE (one URL per line), --targets-sql \"SELECT url FROM tenants\" on a control database, or --schemas-sql \"SELECT ...\" for schema-per-tenant on PostgreSQL."
                : $"{string.Join(" and ", given.Select(o => o.Name))} both say which databases the fleet is; give only one of them.");
        var control = commands.Config.Url ?? commands.Config.Environment?.ResolveUrl(null);
        FleetTargetSource source;
        switch (given[0].Name)
        {
            case "--targets":
                source = FleetTargetSource.FromFile(Path.GetFullPath(Path.Combine(ctx.Setup.WorkingDirectory, given[0].Value!)));
                break;
            default:
                if (control is null)
                    throw new FleetInputException($"{given[0].Name} runs its query on a control database, and none is given. Pass --url (or set RETORT_URL, or \"url\" in retort.json).");
                source = given[0].Name == "--targets-sql" ? FleetTargetSource.FromSql(control, given[0].Value!) : FleetTargetSource.FromSchemas(control, given[0].Value!);
                break;
        }
        var options = new FleetOptions { Parallelism = ctx.Get(Parallelism) };
        if (running)
            options = options with
            {
                Canary = ctx.Get(Canary),
                MaxFailures = ctx.Get(MaxFailures),
                Stages = ctx.Get(Stage) is { } stage ? FleetStage.ParseList(stage) : [],
                Status = StatusLocation(ctx, ctx.Get(Status)),
            };
        options.Validate();
        return new FleetMigrator(commands.Config with { AllowRules = allow }, source, options);
    }

    /// <summary>A status file relative to the working folder, or a URL as given.</summary>
    public static string? StatusLocation(CliContext ctx, string? status) =>
        status is null || DatabaseUrl.LooksLikeUrl(status) || status.Contains('=') ? status : Path.GetFullPath(Path.Combine(ctx.Setup.WorkingDirectory, status));
}

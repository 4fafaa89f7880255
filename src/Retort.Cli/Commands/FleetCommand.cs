using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Cli.Json;
using Retort.Fleet;
using Spectre.Console;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort fleet upgrade|downgrade|current|status</c>: one command over many tenant databases or schemas, with
/// parallelism, a canary, waves, a failure budget and a status table that a rerun resumes from (docs/fleets.md).
/// </summary>
internal static class FleetCommand
{
    /// <summary>Exit code of bad fleet input (targets file, query, options): nothing was touched.</summary>
    public const int BadInput = RetortCommandLine.UsageError;

    public static Command Create(CliSetup setup)
    {
        var command = new Command("fleet", "Migrate many databases or schemas (one per tenant) in waves, resumably.")
        {
            Run(setup, up: true), Run(setup, up: false), Current(setup), Status(setup),
        };
        return command;
    }

    private static Command Run(CliSetup setup, bool up)
    {
        var target = new Argument<string>("target")
        {
            Description = up ? "head (default), an id or prefix, label@head." : "base, an id or prefix, -N.",
        };
        if (up) target.DefaultValueFactory = _ => "head";
        var options = new FleetTargetOptions();
        var json = JsonOutput.Option("the run and every target's result");
        var allow = LintCommand.AllowOption();
        var command = new Command(up ? "upgrade" : "downgrade", up ? "Upgrade every target of the fleet." : "Downgrade every target of the fleet.") { target, json };
        options.AddTo(command, running: true);
        if (up) command.Options.Add(allow);
        command.SetAction(setup.Action((ctx, ct) => InputChecked(ctx, async () =>
        {
            var fleet = options.Fleet(ctx, up ? LintCommand.SplitRules(ctx.Get(allow)) : [], running: true);
            var revision = ctx.Get(target)!;
            if (ctx.Json)
            {
                var quiet = await (up ? fleet.UpgradeAsync(revision, null, ct) : fleet.DowngradeAsync(revision, null, ct));
                await JsonOutput.WriteAsync(setup, FleetRunJson.From(quiet), FleetJsonContext.Default.FleetRunJson, ct);
                return ExitCode(quiet);
            }
            var view = new FleetView(ctx.Console);
            view.Attach(fleet);
            var result = await view.RunAsync(() => up ? fleet.UpgradeAsync(revision, view, ct) : fleet.DowngradeAsync(revision, view, ct));
            FleetView.Summary(ctx.Console, result);
            return ExitCode(result);
        }), RetortCommandLine.Failure));
        return command;
    }

    private static Command Current(CliSetup setup)
    {
        var options = new FleetTargetOptions();
        var json = JsonOutput.Option("every target's current revisions");
        var command = new Command("current", "Show the revision(s) every target of the fleet is at.") { json };
        options.AddTo(command, running: false);
        command.SetAction(setup.Action((ctx, ct) => InputChecked(ctx, async () =>
        {
            var result = await options.Fleet(ctx, [], running: false).CurrentAsync(ct);
            if (ctx.Json)
            {
                await JsonOutput.WriteAsync(setup, FleetRunJson.From(result), FleetJsonContext.Default.FleetRunJson, ct);
                return result.Failed == 0 ? RetortCommandLine.Success : RetortCommandLine.Failure;
            }
            var table = ConsoleFactory.Table(ctx.Console, "target", "current");
            foreach (var r in result.Targets)
                table.AddRow(Markup.Escape(r.Target.DisplayName), Markup.Escape(r.State == FleetTargetState.Done ? FleetView.Heads(r.After) : "error: " + FleetView.OneLine(r.Error)));
            ctx.Console.Write(table);
            var groups = result.Targets.Where(r => r.State == FleetTargetState.Done).GroupBy(r => FleetView.Heads(r.After)).OrderByDescending(g => g.Count());
            ctx.Console.WriteLine($"{result.Targets.Count} target(s): " + string.Join(", ", groups.Select(g => $"{g.Count()} at {g.Key}"))
                + (result.Failed > 0 ? $", {result.Failed} could not be read" : "") + ".");
            return result.Failed == 0 ? RetortCommandLine.Success : RetortCommandLine.Failure;
        }), RetortCommandLine.Failure));
        return command;
    }

    private static Command Status(CliSetup setup)
    {
        var status = FleetTargetOptions.StatusOption();
        var json = JsonOutput.Option("the status table");
        var command = new Command("status", "Show the fleet status table: the last run and every target's state.") { status, json };
        command.SetAction(setup.Action((ctx, ct) => InputChecked(ctx, async () =>
        {
            var commands = ctx.Commands();
            var location = FleetTargetOptions.StatusLocation(ctx, ctx.Get(status)) ?? commands.Config.Url;
            var fleet = new FleetMigrator(commands.Config, FleetTargetSource.FromList([]), new FleetOptions { Status = location });
            var result = await fleet.StatusAsync(ct);
            if (result is null)
            {
                if (ctx.Json) await JsonOutput.WriteAsync(setup, new FleetStatusJson(JsonOutput.SchemaVersion, "fleet status", Redacted(fleet.StatusUrl()), null, []),
                    FleetJsonContext.Default.FleetStatusJson, ct);
                else ctx.Console.WriteLine($"No fleet run is recorded in {Redacted(fleet.StatusUrl())}.");
                return RetortCommandLine.Success;
            }
            if (ctx.Json)
            {
                await JsonOutput.WriteAsync(setup, FleetStatusJson.From(result), FleetJsonContext.Default.FleetStatusJson, ct);
                return RetortCommandLine.Success;
            }
            if (result.LastRun is { } run)
                ctx.Console.WriteLine($"Last run {run.RunId}: {run.Operation} to {run.Target}, {run.State}" +
                    $" ({run.Done} done, {run.Failed} failed, {run.Skipped} skipped of {run.Total}){(run.Reason is { } reason ? ": " + reason : "")}.");
            var table = ConsoleFactory.Table(ctx.Console, "target", "state", "target revision", "current", "duration", "error");
            foreach (var row in result.Targets)
                table.AddRow(Markup.Escape(row.DisplayName), FleetTargetJson.StateText(row.State), Markup.Escape(row.TargetRevision), Markup.Escape(row.CurrentRevision ?? "base"),
                    row.Duration is { } d ? $"{d.TotalMilliseconds:0} ms" : "", Markup.Escape(FleetView.OneLine(row.Error)));
            ctx.Console.Write(table);
            var counts = result.Targets.GroupBy(r => FleetTargetJson.StateText(r.State)).Select(g => $"{g.Count()} {g.Key}");
            ctx.Console.WriteLine($"{result.Targets.Count} target(s): {string.Join(", ", counts)}.");
            return RetortCommandLine.Success;
        }), RetortCommandLine.Failure, needsRevisions: false));
        return command;
    }

    private static string Redacted(string url) => Retort.Dialects.DatabaseUrl.Redact(url);

    /// <summary>0 when every target is done, 130 when cancelled, else 1 (a target failed or the fleet stopped).</summary>
    private static int ExitCode(FleetResult result) =>
        result.Succeeded ? RetortCommandLine.Success : result.Cancelled ? RetortCommandLine.Interrupted : RetortCommandLine.Failure;

    // Bad input says what is wrong and exits 2, before anything is touched.
    private static async Task<int> InputChecked(CliContext ctx, Func<Task<int>> body)
    {
        try { return await body(); }
        catch (FleetInputException e)
        {
            await ctx.Setup.Error.WriteLineAsync("error: " + e.Message);
            return BadInput;
        }
    }
}

using System.CommandLine;
using System.Runtime.ExceptionServices;
using Retort.Cli.Internal;
using Retort.Cli.Json;
using Retort.Commands;
using Retort.Revisions;

namespace Retort.Cli.Commands;

/// <summary><c>retort upgrade TARGET [--sql | --json]</c> and <c>retort downgrade TARGET [--sql | --json]</c>.</summary>
internal static class UpgradeCommand
{
    public static Command Create(CliSetup setup, bool up)
    {
        var target = new Argument<string>("target")
        {
            Description = up
                ? "head, heads, an id or prefix, label@head, +N; with --sql also FROM:TO."
                : "base, an id or prefix, -N, label@-N; with --sql FROM:TO (for example head:base).",
        };
        var sql = new Option<bool>("--sql") { Description = "Print the SQL script instead of running it (offline mode); the database is not touched." };
        var single = new Option<bool?>("--single-transaction")
        {
            Description = "Run every revision in one transaction (all or nothing, as Alembic's default env.py) instead of one " +
                "transaction per revision; refused for batched data steps and steps that cannot run in a transaction (concurrent " +
                "index, new enum value). Default: \"singleTransaction\" in retort.json, else false; '--single-transaction false' overrides it.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var allow = LintCommand.AllowOption();
        var json = new Option<bool>("--json")
        {
            Description = "Print the run as newline-delimited JSON events on standard output (run, revisions with durations, data-step " +
                "progress, warnings, the end; schema: docs/json-output.md); errors also stay on standard error.",
        };
        var command = new Command(up ? "upgrade" : "downgrade", up ? "Upgrade the database to a later revision." : "Revert the database to an earlier revision.") { target, sql, single, json };
        // Upgrades pass the lint gate first; --allow is the one way past a finding that has no allowance in the revision.
        if (up) command.Options.Add(allow);
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var allowed = up ? LintCommand.SplitRules(ctx.Get(allow)) : [];
            if (ctx.Get(sql))
            {
                if (ctx.Json) throw new RetortException("--json describes a run, and --sql runs nothing: the SQL script is the output. Leave out one of them.");
                var commands = Allowing(ctx.Commands(), allowed);
                if (up) await commands.UpgradeScriptAsync(setup.Out, ctx.Get(target)!, ctx.Get(single), ct);
                else await commands.DowngradeScriptAsync(setup.Out, ctx.Get(target)!, ctx.Get(single), ct);
                return;
            }
            if (ctx.Json)
            {
                await RunJsonAsync(ctx, up, ctx.Get(target)!, ctx.Get(single), allowed, ct);
                return;
            }
            var view = new UpgradeView(ctx.Console, Step);
            var online = Allowing(ctx.Commands(migrator => view.Attach(migrator, ctx.Logger)), allowed);
            RunResult result;
            try { result = await view.RunAsync(() => up ? online.UpgradeAsync(ctx.Get(target)!, ctx.Get(single), ct) : online.DowngradeAsync(ctx.Get(target)!, ctx.Get(single), ct)); }
            catch (Exception e) when (e is RunStoppedException or RunCancelledException)
            {
                view.Failed();
                // Said after the error: what the run rolled back and what it kept, as the database now says.
                ctx.Aftermath = e is RunStoppedException stopped ? stopped.Outcome.Summary : ((RunCancelledException)e).Outcome.Summary;
                ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
                throw;
            }
            var now = result.Heads.Count == 0 ? "base (no revision applied)" : string.Join(", ", result.Heads.Select(h => RevisionText.Short(result.Revisions.Graph, h)));
            ctx.Console.WriteLine(result.Runs.Count == 0 ? $"Nothing to do; the database is at {now}." : $"The database is now at {now}.");
            await ctx.WriteAfterChangeAsync(ct);
        }));
        return command;
    }

    // --json: events on standard output; the error and what the run left also on standard error, as without it.
    private static async Task RunJsonAsync(CliContext ctx, bool up, string target, bool? single, IReadOnlyCollection<string> allowed, CancellationToken ct)
    {
        var events = new RunEventWriter(ctx.Setup.Out, up ? "upgrade" : "downgrade");
        var online = Allowing(ctx.Commands(migrator => events.Attach(migrator, ctx.Logger)), allowed);
        string? database = null;
        try { await using var db = online.OpenDatabase(); database = db.DisplayName; }
        catch (RetortException) { } // The run says what is wrong with the URL, in its runFailed event.
        events.Started(target, database);
        try
        {
            var result = await (up ? online.UpgradeAsync(target, single, ct) : online.DowngradeAsync(target, single, ct));
            events.Finished(result);
        }
        catch (Exception e)
        {
            var cancelled = ct.IsCancellationRequested;
            var outcome = (e as RunStoppedException)?.Outcome ?? (e as RunCancelledException)?.Outcome;
            var error = e is RunStoppedException or RunCancelledException ? e.InnerException! : e;
            events.Failed(error, outcome, cancelled, cancelled ? RetortCommandLine.Interrupted : RetortCommandLine.Failure);
            ctx.Aftermath = outcome?.Summary;
            ExceptionDispatchInfo.Capture(error).Throw();
            throw;
        }
    }

    private static MigrationCommands Allowing(MigrationCommands commands, IReadOnlyCollection<string> rules) =>
        rules.Count == 0 ? commands : new MigrationCommands(commands.Config with { AllowRules = rules });

    public static string Step(RevisionInfo info, bool up) =>
        up ? $"{RevisionText.Parents(info)} -> {info.Id}" : $"{info.Id} -> {RevisionText.Parents(info)}";
}

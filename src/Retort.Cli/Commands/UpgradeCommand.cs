using System.CommandLine;
using System.Data.Common;
using Retort.Cli.Internal;
using Retort.Revisions;
using Retort.Runner;
using Spectre.Console;

namespace Retort.Cli.Commands;

/// <summary><c>retort upgrade TARGET [--sql]</c> and <c>retort downgrade TARGET [--sql]</c>.</summary>
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
        var command = new Command(up ? "upgrade" : "downgrade", up ? "Upgrade the database to a later revision." : "Revert the database to an earlier revision.") { target, sql, single };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            await using var database = ctx.OpenDatabase();
            var migrator = await ctx.CreateMigratorAsync(database, ct, ctx.Get(single));
            if (ctx.Get(sql))
            {
                // Rendered in full first, so a refused revision leaves no half script on the output.
                var script = new StringWriter();
                await migrator.WriteScriptAsync(script, up, ctx.Get(target)!, ct);
                await setup.Out.WriteAsync(script.ToString());
                await setup.Out.FlushAsync(ct);
                return;
            }
            var view = new UpgradeView(ctx.Console, Step);
            view.Attach(migrator, ctx.Logger);
            var outcome = new RunOutcome();
            outcome.Attach(migrator);
            IReadOnlyList<RevisionRun> runs;
            try { runs = await view.RunAsync(() => migrator.UpgradeOrDowngradeAsync(up, ctx.Get(target)!, ct)); }
            catch (Exception e) when (e is RetortException or DbException or OperationCanceledException)
            {
                view.Failed();
                // Said after the error: what the run rolled back and what it kept, as the database now says.
                ctx.Aftermath = await outcome.DescribeAsync(migrator, database, up, e, ct.IsCancellationRequested);
                throw;
            }
            var heads = await migrator.GetCurrentAsync(ct);
            var now = heads.Count == 0 ? "base (no revision applied)" : string.Join(", ", heads.Select(h => RevisionText.Short(migrator.Revisions.Graph, h)));
            ctx.Console.WriteLine(runs.Count == 0 ? $"Nothing to do; the database is at {now}." : $"The database is now at {now}.");
            if (setup.Options.AfterChange is { } after) await after(database, setup.Out, ct);
        }));
        return command;
    }

    private static Task<IReadOnlyList<RevisionRun>> UpgradeOrDowngradeAsync(this Migrator migrator, bool up, string target, CancellationToken ct) =>
        up ? migrator.UpgradeAsync(target, ct) : migrator.DowngradeAsync(target, ct);

    private static string Step(RevisionInfo info, bool up) =>
        up ? $"{RevisionText.Parents(info)} -> {info.Id}" : $"{info.Id} -> {RevisionText.Parents(info)}";
}

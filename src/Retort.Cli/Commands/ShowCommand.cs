using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Migrations;

namespace Retort.Cli.Commands;

/// <summary><c>retort show REV</c>: one revision in detail, with its upgrade and downgrade plans.</summary>
internal static class ShowCommand
{
    public static Command Create(CliSetup setup)
    {
        var revision = new Argument<string>("revision") { Description = "An id or prefix, a branch label, head or label@head." };
        var command = new Command("show", "Show a revision: parents, file, message and plan.") { revision };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var revisions = await ctx.LoadRevisionsAsync(ct);
            foreach (var id in revisions.Graph.ResolveUpgradeTarget(ctx.Get(revision)!, []).Revisions)
            {
                var info = revisions.Graph.Get(id);
                RevisionText.Detail(ctx.Console, revisions, info);
                Plan("Upgrade", op => revisions[id].Script.BuildUpgrade(op));
                if (revisions[id].Script.IrreversibleReason is null) Plan("Downgrade", op => revisions[id].Script.BuildDowngrade(op));
            }

            void Plan(string title, Action<Op> build)
            {
                var op = new Op();
                try { build(op); }
                catch (RetortException e) { ctx.Console.WriteLine($"{title}: cannot be built ({e.Message})"); return; }
                ctx.Console.WriteLine($"{title}:{(op.Plan.Count == 0 ? " (empty)" : "")}");
                foreach (var step in op.Plan) ctx.Console.WriteLine("  - " + step.Describe());
            }
        }));
        return command;
    }
}

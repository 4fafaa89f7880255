using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Cli.Json;
using Retort.Commands;

namespace Retort.Cli.Commands;

/// <summary><c>retort show REV [--json]</c>: one revision in detail, with its upgrade and downgrade plans.</summary>
internal static class ShowCommand
{
    public static Command Create(CliSetup setup)
    {
        var revision = new Argument<string>("revision") { Description = "An id or prefix, a branch label, head or label@head." };
        var json = JsonOutput.Option("the revisions and their plans");
        var command = new Command("show", "Show a revision: parents, file, message and plan.") { revision, json };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var result = await ctx.Commands().ShowAsync(ctx.Get(revision)!, ct);
            if (ctx.Json)
            {
                await JsonOutput.WriteAsync(setup, JsonOutput.Show(result), CliJsonContext.Default.ShowJson, ct);
                return;
            }
            foreach (var detail in result.Shown)
            {
                RevisionText.Detail(ctx.Console, result.Revisions, detail.Info);
                Plan("Upgrade", detail.Upgrade);
                if (detail.Downgrade is { } downgrade) Plan("Downgrade", downgrade);
            }

            void Plan(string title, RevisionPlan plan)
            {
                if (plan.Error is { } error) { ctx.Console.WriteLine($"{title}: cannot be built ({error})"); return; }
                ctx.Console.WriteLine($"{title}:{(plan.Operations.Count == 0 ? " (empty)" : "")}");
                foreach (var step in plan.Operations) ctx.Console.WriteLine("  - " + step.Describe());
            }
        }));
        return command;
    }
}

using System.CommandLine;
using Retort.Autogenerate;
using Retort.Cli.Internal;
using Retort.Commands;
using Retort.Environments;
using Spectre.Console;

namespace Retort.Cli.Commands;

/// <summary><c>retort revision -m MSG [--rev-id] [--head] [--splice] [--branch-label] [--depends-on] [--format]</c>.</summary>
internal static class RevisionCommand
{
    public static Option<string> Message() => new("--message", "-m") { Description = "The revision's message.", Required = true };

    public static Option<string?> RevId() => new("--rev-id") { Description = "Use this id instead of a fresh one." };

    public static Option<string[]> BranchLabel() => new("--branch-label") { Description = "Branch label of the new revision (repeatable)." };

    public static Option<string?> Format() 
    {
        var format = new Option<string?>("--format") { Description = "csharp or sql. Default: csharp in an environment with a project, else sql." };
        format.AcceptOnlyFromAmong("csharp", "sql");
        return format;
    }

    public static Command Create(CliSetup setup)
    {
        var message = Message();
        var revId = RevId();
        var head = new Option<string>("--head") { Description = "Revision to build on: head (default), base, an id, a label or label@head.", DefaultValueFactory = _ => "head" };
        var splice = new Option<bool>("--splice") { Description = "Allow --head to name a revision that is not a head (starts a branch)." };
        var label = BranchLabel();
        var dependsOn = new Option<string[]>("--depends-on") { Description = "Revision the new one depends on without being its child (repeatable)." };
        var format = Format();
        var autogenerate = new Option<bool>("--autogenerate") { Description = "Fill the revision with the operations that turn the database into the environment's target schema." };
        var allowEmpty = new Option<bool>("--allow-empty") { Description = "With --autogenerate: write an empty revision when nothing changed (default: write nothing)." };
        var renames = new Option<bool>("--renames") { Description = "With --autogenerate: write a dropped and an added column (or table) of the same shape as a rename, not drop + add." };
        var command = new Command("revision", "Create a new revision file.") { message, revId, head, splice, label, dependsOn, format, autogenerate, allowEmpty, renames };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            ctx.Environment();
            var result = await ctx.Commands().RevisionAsync(new RevisionArguments
            {
                Message = ctx.Get(message)!,
                RevisionId = ctx.Get(revId),
                Head = ctx.Get(head)!,
                Splice = ctx.Get(splice),
                BranchLabels = ctx.Get(label) ?? [],
                DependsOn = ctx.Get(dependsOn) ?? [],
                Format = ParseFormat(ctx.Get(format)),
                Autogenerate = ctx.Get(autogenerate),
                AllowEmpty = ctx.Get(allowEmpty),
                Renames = ctx.Get(renames),
            }, ct);
            if (result.Diff is { } diff)
            {
                foreach (var op in diff.Operations)
                    ctx.Console.MarkupLine($"  Detected {Markup.Escape(op.Describe())}" +
                        (MigrationCodeWriter.DangerReason(op) is { } danger ? $" [red](danger: {Markup.Escape(danger)})[/]" : ""));
                foreach (var hint in diff.RenameHints)
                    ctx.Console.MarkupLine($"  [yellow]Possible rename:[/] {Markup.Escape(hint.ToString())}");
            }
            if (!result.Written)
            {
                ctx.Console.WriteLine("No changes in schema detected; no revision written (pass --allow-empty to write an empty one).");
                return;
            }
            ctx.Console.MarkupLine($"  Generating [bold]{Markup.Escape(result.Path!)}[/] ... done");
            ctx.Console.WriteLine($"Revision {result.Revision!.Id} (parent: {RevisionText.Parents(result.Revision)}).");
            // What 'retort lint' will say of it, as notes for the review: writing a revision never fails on a finding.
            foreach (var f in result.Findings)
                ctx.Console.MarkupLine($"  [blue]Lint {Markup.Escape(f.Rule.Id)}[/] ({Markup.Escape(Retort.Runner.Linting.LintJson.Level(f.Severity))}, " +
                    $"operation {f.OperationIndex + 1}): {Markup.Escape(f.Message)}" + (f.Rule.SafeAlternative.Length > 0 ? $" Instead: {Markup.Escape(f.Rule.SafeAlternative)}" : ""));
            if (result.Findings.Count > 0)
                ctx.Console.WriteLine("  Review these before the upgrade: it refuses error findings unless each is allowed with a reason (op.Allow(\"RT###\", \"reason\")).");
        }));
        return command;
    }

    public static RevisionFormat? ParseFormat(string? text) => text switch
    {
        "csharp" => RevisionFormat.CSharp,
        "sql" => RevisionFormat.Sql,
        _ => null,
    };
}

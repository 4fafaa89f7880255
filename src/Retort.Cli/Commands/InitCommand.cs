using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Environments;
using Spectre.Console;

namespace Retort.Cli.Commands;

/// <summary><c>retort init DIR [--template csharp|sql]</c>.</summary>
internal static class InitCommand
{
    public static Command Create(CliSetup setup)
    {
        var directory = new Argument<string>("directory") { Description = "Folder to create the environment in (new or empty)." };
        var template = new Option<string>("--template", "-t")
        {
            Description = "csharp: a project with C# revisions (and .sql ones); sql: .sql revisions only, no build.",
            DefaultValueFactory = _ => "csharp",
        };
        template.AcceptOnlyFromAmong("csharp", "sql");
        var command = new Command("init", "Create a new migrations environment.") { directory, template };
        command.SetAction(setup.Action((ctx, _) =>
        {
            var dir = Path.GetFullPath(ctx.Get(directory)!, setup.WorkingDirectory);
            var kind = ctx.Get(template) == "sql" ? EnvironmentTemplate.Sql : EnvironmentTemplate.CSharp;
            var assemblies = Path.GetDirectoryName(typeof(RetortCommandLine).Assembly.Location) ?? AppContext.BaseDirectory;
            var files = EnvironmentScaffolder.Create(dir, kind, assemblies, PackageVersions.ForEnvironment);
            foreach (var file in files)
                ctx.Console.MarkupLine($"  Generating [bold]{Markup.Escape(Path.Combine(dir, file))}[/] ... done");
            ctx.Console.WriteLine($"Created a {(kind == EnvironmentTemplate.Sql ? "SQL-only" : "C#")} migrations environment in {dir}.");
            ctx.Console.WriteLine($"Edit the database URL in {Path.Combine(dir, EnvironmentConfig.FileName)}, then run 'retort revision -m \"first revision\"' there.");
            return Task.CompletedTask;
        }, needsRevisions: false));
        return command;
    }
}

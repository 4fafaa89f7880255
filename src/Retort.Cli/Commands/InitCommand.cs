using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Commands;
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
            var result = MigrationCommands.Init(Arguments(Path.GetFullPath(ctx.Get(directory)!, setup.WorkingDirectory),
                ctx.Get(template) == "sql" ? EnvironmentTemplate.Sql : EnvironmentTemplate.CSharp));
            foreach (var file in result.Files)
                ctx.Console.MarkupLine($"  Generating [bold]{Markup.Escape(Path.Combine(result.Directory, file))}[/] ... done");
            ctx.Console.WriteLine($"Created a {(result.Template == EnvironmentTemplate.Sql ? "SQL-only" : "C#")} migrations environment in {result.Directory}.");
            ctx.Console.WriteLine($"Edit the database URL in {Path.Combine(result.Directory, EnvironmentConfig.FileName)}, then run 'retort revision -m \"first revision\"' there.");
            return Task.CompletedTask;
        }, needsRevisions: false));
        return command;
    }

    /// <summary>What 'init' creates an environment with; 'bundle' creates a SQL-only environment's program with the same.</summary>
    public static InitArguments Arguments(string directory, EnvironmentTemplate template) => new()
    {
        Directory = directory,
        Template = template,
        // The environment runs itself with this command line, and 'retort test' needs the test library.
        References = [EnvironmentReference.FromAssembly(typeof(RetortCommandLine).Assembly), EnvironmentReference.FromAssembly(typeof(Retort.Testing.MigrationTester).Assembly)],
        ProgramSource = "// Runs the retort commands against this environment's revisions: dotnet run -- upgrade head\n" +
            "return await Retort.Cli.RetortCommandLine.RunAsync(args, typeof(Program).Assembly);\n",
    };
}

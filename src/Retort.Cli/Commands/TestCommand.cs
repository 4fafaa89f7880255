using System.CommandLine;
using System.Text.Json;
using Retort.Autogenerate;
using Retort.Cli.Internal;
using Retort.Migrations;
using Retort.Testing;
using Spectre.Console;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort test [--url SERVER] [--json]</c>: the standard migration checks on a throwaway database (a temporary
/// SQLite file, or a fresh database on the server <c>--url</c> names, dropped afterwards).
/// </summary>
internal static class TestCommand
{
    private static readonly MigrationCheck[] PerRevision =
        [MigrationCheck.Reversible, MigrationCheck.Upgrade, MigrationCheck.Fixture, MigrationCheck.Stairway, MigrationCheck.DowngradeLeavesNoTrace];

    public static Command Create(CliSetup setup)
    {
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (for CI)." };
        var command = new Command("test", "Test every revision on a throwaway database: single head, upgrade, stairway, downgrade leaves no trace, fixtures, model matches database.") { json };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var commands = ctx.Commands();
            var revisions = await commands.LoadRevisionsAsync(ct);
            var assembly = await commands.LoadCompiledRevisionsAsync(ct);
            var options = new MigrationTestOptions
            {
                ExpectedHeads = ctx.TryEnvironment()?.Config.Heads ?? 1,
                TargetSchema = assembly is null ? null : TargetSchemaLocator.Find(assembly),
                Fixtures = assembly is null ? [] : RevisionFixture.Discover(assembly),
            };
            // Only an explicit --url names a server; the environment's own database is never used for tests.
            await using var scratch = await ThrowawayDatabase.CreateAsync(ctx.Get(setup.Common.Url), ct);
            var report = await new MigrationTester(scratch.Database, revisions, options).RunAsync(ct);
            if (ctx.Get(json)) await setup.Out.WriteLineAsync(ToJson(report, scratch.Database.Dialect.Name));
            else Print(ctx.Console, revisions, report, options.TargetSchema is not null);
            if (!report.Passed)
            {
                var f = report.FirstFailure!;
                throw new RetortException($"Migration test failed: {f.Check}{(f.Revision is null ? "" : " of revision " + f.Revision)}: {f.Message}" +
                    (f.Statement is null ? "" : $"\nStatement:\n{f.Statement}"));
            }
        }));
        return command;
    }

    private static void Print(IAnsiConsole console, RevisionSet revisions, MigrationTestReport report, bool hasTarget)
    {
        var table = ConsoleFactory.Table(console, "Revision", "Message");
        foreach (var check in PerRevision) table.AddColumn(check.ToString());
        foreach (var revision in revisions.All)
        {
            var cells = new List<string> { revision.Id, Markup.Escape(revision.Info.Message) };
            cells.AddRange(PerRevision.Select(check => report.For(revision.Id).Where(r => r.Check == check).ToList() switch
            {
                [] => "[grey]-[/]",
                var rs when rs.Any(r => !r.Passed) => "[red]FAIL[/]",
                var rs when rs.All(r => r.Skipped) => "[grey]skip[/]",
                _ => "[green]ok[/]",
            }));
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        foreach (var r in report.Results.Where(r => r.Revision is null))
            console.MarkupLine($"{r.Check}: {(r.Passed ? r.Skipped ? "[grey]skipped[/] (" + Markup.Escape(r.Message ?? "") + ")" : "[green]ok[/]" : "[red]FAIL[/]")}");
        if (!hasTarget) console.MarkupLine("[grey]ModelMatchesDatabase: skipped (the environment declares no ITargetSchema).[/]");
        var failed = report.Results.Count(r => !r.Passed);
        console.MarkupLine(failed == 0 ? $"[green]All {report.Results.Count} checks passed.[/]" : $"[red]{failed} of {report.Results.Count} checks failed.[/]");
    }

    private static string ToJson(MigrationTestReport report, string dialect) => JsonSerializer.Serialize(
        new TestReportJson(report.Passed, dialect, report.Results.Select(r =>
            new TestResultJson(r.Check.ToString(), r.Revision, r.Passed, r.Skipped, r.Message, r.Statement)).ToList()),
        TestReportJsonContext.Default.TestReportJson);
}

/// <summary>The <c>--json</c> report of <c>retort test</c>.</summary>
internal sealed record TestReportJson(bool Passed, string Dialect, IReadOnlyList<TestResultJson> Results);

/// <summary>One check of the <c>--json</c> report.</summary>
internal sealed record TestResultJson(string Check, string? Revision, bool Passed, bool Skipped, string? Message, string? Statement);

/// <summary>Serializer of the report, generated at compile time (works in a natively compiled tool too).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true,
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(TestReportJson))]
internal sealed partial class TestReportJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

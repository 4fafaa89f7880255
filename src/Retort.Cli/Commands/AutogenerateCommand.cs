using System.Text;
using Retort.Autogenerate;
using Retort.Cli.Internal;
using Retort.Migrations;
using Spectre.Console;

namespace Retort.Cli.Commands;

/// <summary>The autogenerate step of <c>retort revision --autogenerate</c>: compare, report, render the bodies.</summary>
internal static class AutogenerateCommand
{
    public sealed record Generated(SchemaDiff Diff, string UpgradeBody, string DowngradeBody);

    public static async Task<Generated> GenerateAsync(CliContext ctx, RevisionSet revisions, bool emitRenames, CancellationToken ct)
    {
        var target = await ctx.LoadTargetSchemaAsync(ct);
        await using var database = ctx.OpenDatabase();
        // As Alembic: comparing a database that is behind its scripts would regenerate what they already do.
        var current = (await new Runner.Migrator(database, revisions).GetCurrentAsync(ct)).Select(r => r.Id).Order().ToList();
        var heads = revisions.Graph.Heads.Select(h => h.Id).Order().ToList();
        if (!current.SequenceEqual(heads))
            throw new RetortException($"The database is not up to date (it is at {(current.Count == 0 ? "base" : string.Join(", ", current))}, the scripts' heads are {string.Join(", ", heads)}). " +
                "Run 'retort upgrade heads' first, then autogenerate the next revision.");
        var diff = await Autogenerator.CompareAsync(database, target.Build(), target.Options with { EmitRenames = emitRenames }, ct);
        foreach (var op in diff.Operations)
            ctx.Console.MarkupLine($"  Detected {Markup.Escape(op.Describe())}" +
                (MigrationCodeWriter.DangerReason(op) is { } danger ? $" [red](danger: {Markup.Escape(danger)})[/]" : ""));
        foreach (var hint in diff.RenameHints)
            ctx.Console.MarkupLine($"  [yellow]Possible rename:[/] {Markup.Escape(hint.ToString())}");
        var upgrade = new StringBuilder();
        foreach (var hint in diff.RenameHints.Where(_ => !emitRenames))
            upgrade.Append("        // POSSIBLE RENAME: ").Append(hint).Append(". Drop + add below loses the data; rerun with --renames to write a rename.\n");
        upgrade.Append(MigrationCodeWriter.Write(diff.Operations));
        return new Generated(diff, upgrade.ToString(), MigrationCodeWriter.Write(diff.ReverseOperations));
    }
}

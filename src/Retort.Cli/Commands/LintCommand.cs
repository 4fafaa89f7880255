using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Commands;
using Retort.Runner.Linting;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort lint [TARGET] [--from REV] [--allow RULE,…] [--format people|json|sarif] [--verify [--shadow-url URL]]</c>: the
/// findings of the pending revisions, as the gate in <c>upgrade</c> sees them; with <c>--verify</c>, also the locks and
/// rewrites each statement showed on a shadow database. Exit code 0 without blocking findings, 1 with, 2 when it could
/// not lint (or a statement failed on the shadow).
/// </summary>
internal static class LintCommand
{
    /// <summary>Exit code when error findings are not allowed.</summary>
    public const int Findings = 1;

    /// <summary>Exit code when linting failed (bad environment, broken revision, unreachable database).</summary>
    public const int CouldNotLint = 2;

    public static Command Create(CliSetup setup)
    {
        var target = new Argument<string>("target") { Description = "The upgrade target: head, heads, an id or prefix, label@head, +N.", DefaultValueFactory = _ => "head" };
        var from = new Option<string?>("--from") { Description = "Without --url: lint the revisions after this one (default: every revision from base)." };
        var allow = AllowOption();
        var format = new Option<string>("--format") { Description = "people (a table), json or sarif (SARIF 2.1.0 for code scanning).", DefaultValueFactory = _ => "people" };
        format.AcceptOnlyFromAmong("people", "json", "sarif");
        var verify = new Option<bool>("--verify")
        {
            Description = "PostgreSQL, with --url: run the pending plan statement by statement on a schema-only shadow copy of the database (a " +
                "scratch database made from its schema and dropped afterwards, or --shadow-url) and show the locks and rewrites the server " +
                "reports beside the rules' claims. The database itself is only read.",
        };
        var shadowUrl = new Option<string?>("--shadow-url") { Description = "With --verify: a database that already holds the target's schema, to run the plan on instead of a scratch database. Never the target." };
        var command = new Command("lint",
            "Check the pending revisions for statements that lock or break a live application, without running anything. With --url, only the " +
            "revisions that database would run, with its live table sizes; without, every revision from base and no database is touched.")
        { target, from, allow, format, verify, shadowUrl };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var useDatabase = ctx.Get(setup.Common.Url) is not null || setup.GetEnvironmentVariable("RETORT_URL") is { Length: > 0 };
            var result = await ctx.Commands().LintAsync(new LintArguments
            {
                Target = ctx.Get(target) ?? "head",
                From = ctx.Get(from),
                UseDatabase = useDatabase,
                Allow = SplitRules(ctx.Get(allow)),
                Verify = ctx.Get(verify),
                ShadowUrl = ctx.Get(shadowUrl),
            }, ct);
            switch (ctx.Get(format))
            {
                case "json":
                    await WriteAsync(setup, stream => LintJson.Write(stream, result.Report), ct);
                    break;
                case "sarif":
                    await WriteAsync(setup, stream => LintSarif.Write(stream, result.Report, setup.WorkingDirectory,
                        typeof(LintCommand).Assembly.GetName().Version?.ToString()), ct);
                    break;
                default:
                    LintView.Write(ctx.Console, result.Report, result.Database);
                    break;
            }
            if (result.VerifyFailed) return CouldNotLint;
            return result.HasBlockingFindings ? Findings : RetortCommandLine.Success;
        }, CouldNotLint));
        return command;
    }

    /// <summary>The <c>--allow RULE[,RULE]</c> option, shared with <c>upgrade</c>.</summary>
    public static Option<string[]> AllowOption() => new("--allow")
    {
        Description = "Allow the findings of these rules (RT012 or RT012,RT020; repeatable) for this run; recorded in the history table as " +
            $"\"{LintOptions.CommandLineReason}\". Prefer op.Allow or '-- retort:allow' with a reason in the revision.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static IReadOnlyCollection<string> SplitRules(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    private static async Task WriteAsync(CliSetup setup, Action<Stream> write, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        await setup.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
        await setup.Out.FlushAsync(ct);
    }
}

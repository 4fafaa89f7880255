using System.CommandLine;
using System.Globalization;
using Retort.Cli.Environments;
using Retort.Cli.Internal;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort bundle [--output FILE] [--runtime RID] [--self-contained true|false]</c>: one executable holding the
/// environment (config, <c>.sql</c> and compiled C# revisions) and the retort commands, for a server without the SDK:
/// <c>./retort-bundle upgrade head --url …</c>.
/// </summary>
internal static class BundleCommand
{
    public static Command Create(CliSetup setup)
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The executable to write. Default: retort-bundle (retort-bundle.exe for Windows) in the current folder.",
        };
        var runtime = new Option<string?>("--runtime", "-r")
        {
            Description = "The runtime identifier to build for (linux-x64, linux-arm64, win-x64, osx-arm64, …). Default: this machine's.",
        };
        var selfContained = new Option<bool>("--self-contained")
        {
            Description = "Include the .NET runtime, so the server needs none (default true); false needs .NET 10 installed there.",
            DefaultValueFactory = _ => true,
        };
        var command = new Command("bundle", "Make a single-file executable of the environment that runs its migrations without the SDK.")
        {
            output, runtime, selfContained,
        };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var environment = ctx.Environment();
            var rid = ctx.Get(runtime) is { Length: > 0 } given ? given : System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
            var path = Path.GetFullPath(ctx.Get(output) is { Length: > 0 } o ? o : EnvironmentBundler.DefaultFileName(rid), setup.WorkingDirectory);
            var self = ctx.Get(selfContained);
            var size = await EnvironmentBundler.BundleAsync(environment, path, rid, self, ctx.Log, ct);
            ctx.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Bundled {environment.ConfigPath} into {path} ({size / 1048576.0:0.0} MB, {rid}, {(self ? "self-contained" : "needs .NET 10 installed")})."));
            ctx.Console.WriteLine($"Copy it to the server and run it as retort: ./{Path.GetFileName(path)} upgrade head --url <database URL>");
        }, needsRevisions: false));
        return command;
    }
}

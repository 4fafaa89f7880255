using System.Diagnostics;
using Retort.Cli;

namespace Retort.Cli.Tests;

/// <summary>Runs retort commands in-process in a folder, as a user would type them, and captures the output.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- err\n{Error}";
}

public static class CliRunner
{
    public static async Task<CliResult> RunAsync(string directory, params string[] args) =>
        await RunAsync(directory, new Dictionary<string, string>(), args);

    public static async Task<CliResult> RunAsync(string directory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RetortCommandLine.RunAsync(args, new RetortCommandLineOptions
        {
            Out = output,
            Error = error,
            WorkingDirectory = directory,
            GetEnvironmentVariable = name => environment.GetValueOrDefault(name),
        });
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>retort</c> and asserts success.</summary>
    public static async Task<string> OkAsync(string directory, params string[] args)
    {
        var result = await RunAsync(directory, args);
        Assert.True(result.ExitCode == 0, $"retort {string.Join(' ', args)} failed: {result}");
        return result.Out;
    }

    public static Task<CliResult> ProcessAsync(string workingDirectory, string fileName, params string[] args) =>
        ProcessAsync(workingDirectory, fileName, TimeSpan.FromMinutes(3), args);

    public static async Task<CliResult> ProcessAsync(string workingDirectory, string fileName, TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("RETORT_URL");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

using System.Diagnostics;
using Retort.Cli;
using Retort.Specification.Support;

namespace Retort.Specification.Cli;

/// <summary>Runs retort commands in-process in a folder, as a user would type them, and captures the output.</summary>
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

    /// <summary>Runs a program to its end (10 minutes at most, scaled by RETORT_TEST_TIMEOUT_SCALE).</summary>
    public static Task<CliResult> ProcessAsync(string workingDirectory, string fileName, params string[] args) =>
        ProcessAsync(workingDirectory, fileName, TimeSpan.FromMinutes(10), args);

    /// <summary>
    /// Runs a program to its end within <paramref name="limit"/> (scaled by RETORT_TEST_TIMEOUT_SCALE); at the limit
    /// its whole process tree is killed and the test fails with "timed out after N s" and the output so far.
    /// </summary>
    public static async Task<CliResult> ProcessAsync(string workingDirectory, string fileName, TimeSpan limit, params string[] args)
    {
        var (code, output, error) = await TestProcess.RunAsync(StartInfo(workingDirectory, fileName, args), limit);
        return new CliResult(code, output, error);
    }

    /// <summary>How a test starts a program: in a folder, without build servers or RETORT_URL.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("RETORT_URL");
        return start;
    }
}

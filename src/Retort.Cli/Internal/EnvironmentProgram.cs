using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Retort.Cli.Internal;

/// <summary>
/// A natively compiled retort (Native AOT) cannot load a C# environment's assembly into itself. It builds the
/// environment when stale and hands the whole command over to the environment's own program (published
/// ReadyToRun by the build), which runs the same command line with its revisions compiled in
/// (<c>dotnet Env.dll args…</c>): same output, same exit code.
/// </summary>
internal static class EnvironmentProgram
{
    /// <summary>True when this process can load assemblies (a JIT or ReadyToRun tool): no hand-over needed.</summary>
    public static bool CanLoadAssemblies => RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Thrown where a command needs the environment's assembly; <see cref="CliSetup"/> then runs the program.</summary>
    public sealed class HandOver(string programPath) : Exception("The environment's own program runs this command.")
    {
        public string ProgramPath { get; } = programPath;
    }

    /// <summary>Runs <c>dotnet PROGRAM args…</c> in <paramref name="workingDirectory"/> on this console; returns its exit code.</summary>
    public static async Task<int> RunAsync(string programPath, IReadOnlyList<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(DotnetHost()) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        start.ArgumentList.Add(programPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new RetortException($"Could not start the environment's program {programPath}.");
        // Ctrl-C reaches the child too (same process group); it stops after its current batch, so wait for it.
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet")
        : "dotnet";
}

using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Retort.Environments;

namespace Retort.Cli.Environments;

/// <summary>
/// A natively compiled retort (Native AOT) cannot load a C# environment's assembly into itself. Before such a
/// retort runs a command that needs the environment's compiled revisions, it runs the environment's own program
/// instead (built first when stale, published ReadyToRun) with the same command line: same output, same exit code.
/// </summary>
internal static class EnvironmentProgram
{
    /// <summary>
    /// Set by the native tool for itself (Retort.Tool's Program.cs) to run socket continuations inline; the
    /// environment's program and builds must not inherit it (their code may block on tasks).
    /// </summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// The environment variable set for the environment's program: the id of the process that started it. The
    /// program (<see cref="ParentWatch"/>) stops when that process is gone.
    /// </summary>
    public const string ParentProcessVariable = "RETORT_PARENT_PID";

    /// <summary>True when this process can load assemblies (a JIT or ReadyToRun tool): the commands run here.</summary>
    public static bool CanLoadAssemblies => RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>
    /// True when a command that needs compiled revisions must run in the environment's own program: this process
    /// cannot load assemblies, none was given to it, and the environment (looked up only then) has a C# project.
    /// </summary>
    public static bool MustRunCommand(Func<MigrationsEnvironment?> environment, Assembly? revisionsAssembly) =>
        !CanLoadAssemblies && revisionsAssembly is null && environment()?.ProjectPath is not null;

    /// <summary>
    /// Builds the environment's project when its sources changed, then runs its own program with
    /// <paramref name="args"/> (<c>dotnet bin/retort/Env.dll args…</c>) on this console and returns its exit code.
    /// Cancelling <paramref name="cancellationToken"/> (SIGTERM or SIGINT to this process) asks the program to stop
    /// the same way, with SIGTERM, and goes on waiting for it: a data step stops after its current batch, a revision
    /// in progress is rolled back. The program itself stops when this process dies, even by SIGKILL.
    /// </summary>
    /// <exception cref="RevisionFileException">The project does not build.</exception>
    public static async Task<int> RunAsync(MigrationsEnvironment environment, IReadOnlyList<string> args, string workingDirectory,
        Action<string>? log, CancellationToken cancellationToken)
    {
        var project = environment.ProjectPath ?? throw new RetortException("This environment is SQL-only (its config names no C# project), so it has no program to run.");
        var program = await EnvironmentBuilder.EnsureBuiltAsync(project, log, cancellationToken);
        var start = new ProcessStartInfo(EnvironmentBuilder.DotnetHost()) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        start.Environment.Remove(InlineCompletionsVariable);
        start.Environment[ParentProcessVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        start.ArgumentList.Add(program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new RetortException($"Could not start the environment's program {program}.");
        // Ctrl-C at a terminal reaches the program too (same process group); a signal sent to this process alone
        // (a deploy runner stopping it by its id) reaches it only through this.
        await using var forward = cancellationToken.Register(() => ProcessSignals.Terminate(process));
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }
}

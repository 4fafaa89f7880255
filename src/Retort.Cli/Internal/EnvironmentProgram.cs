using System.Runtime.CompilerServices;
using Retort.Environments;

namespace Retort.Cli.Internal;

/// <summary>
/// A natively compiled retort (Native AOT) cannot load a C# environment's assembly into itself. Where a command
/// needs it, the command is handed over to the environment's own program (built first when stale, published
/// ReadyToRun), which runs the same command line with its revisions compiled in: same output, same exit code.
/// </summary>
internal static class EnvironmentProgram
{
    /// <summary>True when this process can load assemblies (a JIT or ReadyToRun tool): no hand-over needed.</summary>
    public static bool CanLoadAssemblies => RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Thrown where a command needs the environment's assembly; <see cref="CliSetup"/> then runs the program.</summary>
    public sealed class HandOver(MigrationsEnvironment environment) : Exception("The environment's own program runs this command.")
    {
        public MigrationsEnvironment Environment { get; } = environment;
    }
}

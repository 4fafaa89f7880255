using System.Reflection;
using Retort.Environments;

namespace Retort.Commands;

/// <summary>
/// Where <see cref="MigrationCommands"/> gets an environment's compiled C# revisions (with its target schema and
/// fixtures) from: an assembly the program already has (<see cref="CompiledRevisions.FromAssembly"/>), or one the
/// host builds from the environment's project (the <c>retort</c> tool does, when the sources changed). The core
/// never builds a project or starts a process.
/// </summary>
public interface ICompiledRevisionsSource
{
    /// <summary>The assembly holding the C# revisions, or null when there is none.</summary>
    /// <param name="environment">The environment the command works on, or null when there is none.</param>
    /// <param name="progress">Where to say that something slow starts (a build), or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="RevisionFileException">The project does not build.</exception>
    Task<Assembly?> LoadAsync(MigrationsEnvironment? environment, IProgress<string>? progress, CancellationToken cancellationToken);
}

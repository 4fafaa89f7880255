using System.Reflection;
using Retort.Commands;
using Retort.Environments;

namespace Retort.Cli.Environments;

/// <summary>
/// The tool's source of compiled revisions: the environment's project, built when its sources changed and loaded
/// into this process. A command that needs revisions outside any environment is told where environments come from.
/// </summary>
internal sealed class ProjectRevisionsSource(string workingDirectory) : ICompiledRevisionsSource
{
    public async Task<Assembly?> LoadAsync(MigrationsEnvironment? environment, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (environment is null) throw EnvironmentLocator.NotFound(workingDirectory);
        if (environment.ProjectPath is not { } project) return null;
        return await EnvironmentBuilder.BuildAndLoadAsync(project, progress is null ? null : progress.Report, cancellationToken);
    }
}

using System.Reflection;

namespace Retort.Environments;

/// <summary>
/// Finds the migrations environment a command works on, by the rules the <c>retort</c> tool applies: an explicit
/// config file; else the environment a bundle carries inside itself (<c>retort bundle</c>); else the folder a program
/// that runs itself was built from; else <c>retort.json</c> in the working
/// folder or a parent; else, for such a program, its own folder (a deployed copy).
/// </summary>
public static class EnvironmentLocator
{
    /// <summary>
    /// The assembly metadata key (<c>[assembly: AssemblyMetadata("RetortEnvironmentDirectory", …)]</c>) that names the
    /// folder a program's environment was built from; a generated environment's project sets it.
    /// </summary>
    public const string DirectoryMetadataKey = "RetortEnvironmentDirectory";

    /// <summary>
    /// The environment, or null when there is none (then the revisions can only come from
    /// <paramref name="programAssembly"/>).
    /// </summary>
    /// <param name="workingDirectory">The folder relative paths and the search start from.</param>
    /// <param name="configPath">An explicit config file (<c>--config</c>), relative to <paramref name="workingDirectory"/>; it must exist.</param>
    /// <param name="programAssembly">The assembly of a program that runs itself (its revisions compiled in), or null.</param>
    /// <exception cref="RetortException">The explicit config file does not exist, or a config file is invalid.</exception>
    public static MigrationsEnvironment? Locate(string workingDirectory, string? configPath = null, Assembly? programAssembly = null)
    {
        if (configPath is not null) return MigrationsEnvironment.Open(Path.GetFullPath(configPath, workingDirectory));
        if (programAssembly is not null && MigrationsEnvironment.OpenBundled(programAssembly, AppContext.BaseDirectory) is { } bundled) return bundled;
        var built = programAssembly?.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == DirectoryMetadataKey)?.Value;
        if (built is not null && File.Exists(Path.Combine(built, EnvironmentConfig.FileName)))
            return MigrationsEnvironment.Open(Path.Combine(built, EnvironmentConfig.FileName));
        if (MigrationsEnvironment.Find(workingDirectory) is { } found) return found;
        // A program copied elsewhere (a deploy) carries its retort.json beside it.
        var own = Path.Combine(AppContext.BaseDirectory, EnvironmentConfig.FileName);
        return programAssembly is not null && File.Exists(own) ? MigrationsEnvironment.Open(own) : null;
    }

    /// <summary>The error for a command that needs an environment where <see cref="Locate"/> found none.</summary>
    public static RetortException NotFound(string workingDirectory) => new(
        $"No {EnvironmentConfig.FileName} found in {workingDirectory} or any parent folder. " +
        "Create a migrations environment with 'retort init DIR' and run the command inside it, or pass --config.");
}

using Retort.Environments;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.Init"/> created.</summary>
/// <param name="Directory">The environment's folder (full path).</param>
/// <param name="Template">Its kind.</param>
/// <param name="Files">The files written, relative to <paramref name="Directory"/>.</param>
public sealed record InitResult(string Directory, EnvironmentTemplate Template, IReadOnlyList<string> Files);

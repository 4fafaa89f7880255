using Retort.Revisions;

namespace Retort.Commands;

/// <summary>A passed <see cref="MigrationCommands.CheckAsync"/>: the database matches the target schema at the heads.</summary>
/// <param name="Database">The database's display name.</param>
/// <param name="Heads">The heads it is at.</param>
public sealed record CheckResult(string Database, IReadOnlyList<RevisionInfo> Heads);

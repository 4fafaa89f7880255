using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Retort.Migrations;
using Retort.Environments;

namespace Retort.Commands;

/// <summary>Ready-made <see cref="ICompiledRevisionsSource"/>s.</summary>
public static class CompiledRevisions
{
    /// <summary>The revisions compiled into <paramref name="assembly"/> (a program that runs its own migrations).</summary>
    [RequiresUnreferencedCode(RevisionSet.TrimmingMessage)]
    public static ICompiledRevisionsSource FromAssembly(Assembly assembly) => new Fixed(assembly);

    private sealed class Fixed(Assembly assembly) : ICompiledRevisionsSource
    {
        public Task<Assembly?> LoadAsync(MigrationsEnvironment? environment, IProgress<string>? progress, CancellationToken cancellationToken) =>
            Task.FromResult<Assembly?>(assembly);
    }
}

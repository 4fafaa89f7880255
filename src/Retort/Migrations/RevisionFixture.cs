using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Retort.Operations;

namespace Retort.Migrations;

/// <summary>
/// Test data for one revision, run by <c>retort test</c> and the testing library: rows to insert before the
/// revision upgrades, and assertions to run after it (throw to fail). This is how a migration proves that it
/// keeps the data, as the seed article's "verify that the database schema and data are correct" asks.
/// </summary>
public abstract class RevisionFixture
{
    /// <summary>The revision id this fixture belongs to.</summary>
    public abstract string Revision { get; }

    /// <summary>Runs before the revision upgrades (the database is at the revision's parents): insert rows.</summary>
    public virtual Task BeforeUpgradeAsync(MigrationContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after the revision upgraded: check the rows. Throw (any exception) to fail.</summary>
    public virtual Task AfterUpgradeAsync(MigrationContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every concrete fixture class in the assemblies (public parameterless constructor).</summary>
    [RequiresUnreferencedCode(RevisionSet.TrimmingMessage)]
    public static IReadOnlyList<RevisionFixture> Discover(params Assembly[] assemblies) =>
        assemblies.SelectMany(a => a.GetTypes())
            .Where(t => typeof(RevisionFixture).IsAssignableFrom(t) && t is { IsAbstract: false, IsClass: true } && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (RevisionFixture)Activator.CreateInstance(t)!).ToList();
}

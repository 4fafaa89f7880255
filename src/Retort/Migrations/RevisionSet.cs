using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Retort.Revisions;

namespace Retort.Migrations;

/// <summary>
/// All revisions of a migrations environment with their graph. Built from C# classes in assemblies and from any
/// other <see cref="IMigrationScript"/> source; the graph is validated on construction.
/// </summary>
public sealed class RevisionSet
{
    private readonly Dictionary<string, Revision> _byId;

    /// <summary>Builds the set and validates the graph (duplicates, missing parents, cycles).</summary>
    public RevisionSet(IEnumerable<Revision> revisions)
    {
        var list = revisions.ToList();
        // Checked here, where the revisions' files are known, so the error can name both.
        if (list.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new DuplicateRevisionException(duplicate.Key, duplicate.Select(r => r.Location).ToList());
        Graph = RevisionGraph.Build(list.Select(r => r.Info));
        _byId = list.ToDictionary(r => r.Id);
    }

    /// <summary>
    /// The message of <see cref="RequiresUnreferencedCodeAttribute"/> on the members that find revision classes by
    /// scanning an assembly: how a trimmed app keeps them.
    /// </summary>
    public const string TrimmingMessage =
        "Revision classes are found by scanning the assembly's types, which trimming removes when nothing else uses them. " +
        "In a trimmed app, keep the assembly whole (<TrimmerRootAssembly Include=\"MyApp.Migrations\" />) or list the classes: new RevisionSet([Revision.FromClass<CreateUsers>(), …]).";

    /// <summary>Discovers every class marked with <see cref="RevisionAttribute"/> in the assemblies.</summary>
    [RequiresUnreferencedCode(TrimmingMessage)]
    public static RevisionSet FromAssemblies(params Assembly[] assemblies) => new(Discover(assemblies));

    /// <summary>The revisions found as classes in the assemblies (without building a graph).</summary>
    [RequiresUnreferencedCode(TrimmingMessage)]
    public static IEnumerable<Revision> Discover(params Assembly[] assemblies)
    {
        foreach (var assembly in assemblies)
            foreach (var type in assembly.GetTypes())
                if (Revision.TryFromClass(type) is { } revision) yield return revision;
    }

    /// <summary>The revision graph.</summary>
    public RevisionGraph Graph { get; }

    /// <summary>All revisions, in topological order (bases first).</summary>
    public IReadOnlyList<Revision> All => Graph.All.Select(i => _byId[i.Id]).ToList();

    /// <summary>The revision with this exact id.</summary>
    public Revision this[string id] => _byId[id];

    /// <summary>The revision with this exact id, or null.</summary>
    public Revision? Find(string id) => _byId.GetValueOrDefault(id);
}

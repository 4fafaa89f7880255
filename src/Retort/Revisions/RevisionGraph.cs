using System.Diagnostics.CodeAnalysis;

namespace Retort.Revisions;

/// <summary>
/// The validated graph of revisions with Alembic's semantics: down revisions make the parent/child history (with
/// branches and merges), depends_on adds ordering constraints across branches, and branch labels name lines of
/// history. Immutable once built; all queries are pure.
/// </summary>
/// <remarks>
/// Two kinds of edge matter. <em>Down-revision</em> edges define the history shape: children, heads, branch points,
/// merges and the heads recorded in the version table. <em>All</em> edges (down revisions plus depends_on) define what
/// must be applied before what: ancestors, descendants, ordering, and which revisions count as applied.
/// </remarks>
public sealed partial class RevisionGraph
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;
    private static readonly string[] ReservedNames = ["head", "heads", "base"];

    private readonly Dictionary<string, RevisionInfo> _byId;
    private readonly Dictionary<string, string> _labelOwner;
    private readonly Dictionary<string, string[]> _parents;      // down revisions
    private readonly Dictionary<string, string[]> _allParents;   // down revisions + resolved depends_on
    private readonly Dictionary<string, string[]> _children;     // reverse of _parents
    private readonly Dictionary<string, string[]> _allChildren;  // reverse of _allParents
    private readonly Dictionary<string, int> _position;          // index in All
    private readonly Dictionary<string, int> _level;             // longest path from a base through all edges

    private RevisionGraph(
        Dictionary<string, RevisionInfo> byId,
        Dictionary<string, string> labelOwner,
        Dictionary<string, string[]> parents,
        Dictionary<string, string[]> allParents,
        IReadOnlyList<RevisionInfo> all)
    {
        _byId = byId;
        _labelOwner = labelOwner;
        _parents = parents;
        _allParents = allParents;
        _children = Invert(parents);
        _allChildren = Invert(allParents);
        All = all;
        _position = new Dictionary<string, int>(Ordinal);
        for (var i = 0; i < all.Count; i++)
            _position[all[i].Id] = i;
        // An ancestor's level is below its descendants' (All lists parents first): walks for an ancestor stop at
        // revisions below it, so a run's per-revision checks cost a step or two, not a walk down to base each.
        _level = new Dictionary<string, int>(Ordinal);
        foreach (var rev in all)
        {
            var level = 0;
            foreach (var parent in allParents[rev.Id]) level = Math.Max(level, _level[parent] + 1);
            _level[rev.Id] = level;
        }

        Heads = all.Where(r => _children[r.Id].Length == 0).ToArray();
        Bases = all.Where(r => r.IsBase).ToArray();
        BranchPoints = all.Where(r => _children[r.Id].Length > 1).ToArray();
        MergePoints = all.Where(r => r.IsMerge).ToArray();
    }

    /// <summary>
    /// Every revision, parents and dependencies before the revisions that need them. Ties are broken by ordinal id,
    /// so the order does not depend on the order the revisions were supplied in.
    /// </summary>
    public IReadOnlyList<RevisionInfo> All { get; }

    /// <summary>Revisions no other revision names as a down revision, in <see cref="All"/> order.</summary>
    /// <remarks>A revision that is only depended upon (depends_on) is still a head, as in Alembic.</remarks>
    public IReadOnlyList<RevisionInfo> Heads { get; }

    /// <summary>Revisions without down revisions, in <see cref="All"/> order.</summary>
    public IReadOnlyList<RevisionInfo> Bases { get; }

    /// <summary>Revisions that are the down revision of more than one revision, in <see cref="All"/> order.</summary>
    public IReadOnlyList<RevisionInfo> BranchPoints { get; }

    /// <summary>Revisions with more than one down revision, in <see cref="All"/> order.</summary>
    public IReadOnlyList<RevisionInfo> MergePoints { get; }

    /// <summary>
    /// Validates <paramref name="revisions"/> and builds the graph.
    /// </summary>
    /// <exception cref="DuplicateRevisionException">Two revisions share an id.</exception>
    /// <exception cref="DuplicateBranchLabelException">A branch label is declared twice or equals a revision id.</exception>
    /// <exception cref="MissingRevisionException">A down revision or depends_on entry names no revision.</exception>
    /// <exception cref="CycleException">Down revisions and dependencies form a cycle.</exception>
    /// <exception cref="RevisionGraphException">An id or label is empty, reserved or contains '@', or a down revision is listed twice.</exception>
    public static RevisionGraph Build(IEnumerable<RevisionInfo> revisions)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var list = revisions.ToList();

        var byId = new Dictionary<string, RevisionInfo>(Ordinal);
        foreach (var rev in list)
        {
            ValidateName(rev.Id, "Revision id", rev.Id);
            if (!byId.TryAdd(rev.Id, rev))
                throw new DuplicateRevisionException(rev.Id);
        }

        var labelOwner = new Dictionary<string, string>(Ordinal);
        foreach (var rev in list)
        {
            foreach (var label in rev.BranchLabels)
            {
                ValidateName(label, "Branch label", rev.Id);
                if (byId.ContainsKey(label))
                    throw new DuplicateBranchLabelException(label, label, rev.Id, collidesWithId: true);
                if (labelOwner.TryGetValue(label, out var owner))
                {
                    if (owner == rev.Id)
                        continue; // listed twice on the same revision: harmless
                    throw new DuplicateBranchLabelException(label, owner, rev.Id);
                }
                labelOwner[label] = rev.Id;
            }
        }

        var parents = new Dictionary<string, string[]>(Ordinal);
        var allParents = new Dictionary<string, string[]>(Ordinal);
        foreach (var rev in list)
        {
            var seen = new HashSet<string>(Ordinal);
            foreach (var down in rev.DownRevisions)
            {
                if (!byId.ContainsKey(down))
                    throw new MissingRevisionException(rev.Id, down, isDependency: false);
                if (!seen.Add(down))
                    throw new RevisionGraphException(
                        $"Revision '{rev.Id}' lists down revision '{down}' more than once. List each parent once.");
            }
            parents[rev.Id] = rev.DownRevisions.ToArray();

            var all = new List<string>(rev.DownRevisions);
            foreach (var dep in rev.DependsOn)
            {
                // depends_on may name an id or a branch label (Alembic allows both); prefixes are not accepted
                // because a prefix that is unique today can become ambiguous when revisions are added.
                var depId = byId.ContainsKey(dep) ? dep
                    : labelOwner.TryGetValue(dep, out var owner) ? owner
                    : throw new MissingRevisionException(rev.Id, dep, isDependency: true);
                if (!all.Contains(depId, Ordinal))
                    all.Add(depId);
            }
            allParents[rev.Id] = all.ToArray();
        }

        var order = TopologicalOrder(byId, allParents);
        return new RevisionGraph(byId, labelOwner, parents, allParents, order);
    }

    /// <summary>Returns the revision with exactly this id.</summary>
    /// <exception cref="UnknownRevisionException">No revision has this id.</exception>
    public RevisionInfo Get(string id) =>
        TryGet(id, out var rev) ? rev : throw new UnknownRevisionException(id, "Only exact revision ids are accepted here.");

    /// <summary>Looks up the revision with exactly this id.</summary>
    public bool TryGet(string id, [NotNullWhen(true)] out RevisionInfo? revision) => _byId.TryGetValue(id, out revision);

    /// <summary>Revisions that name <paramref name="id"/> as a down revision, in <see cref="All"/> order.</summary>
    /// <exception cref="UnknownRevisionException">No revision has this id.</exception>
    public IReadOnlyList<RevisionInfo> Children(string id) => InOrder(_children[Get(id).Id]);

    /// <summary>
    /// Every revision that must be applied before <paramref name="id"/>: its down revisions and dependencies,
    /// transitively, in <see cref="All"/> order. Excludes the revision itself.
    /// </summary>
    /// <exception cref="UnknownRevisionException">No revision has this id.</exception>
    public IReadOnlyList<RevisionInfo> Ancestors(string id)
    {
        var set = Closure([Get(id).Id], _allParents);
        set.Remove(id);
        return InOrder(set);
    }

    /// <summary>
    /// True when <paramref name="ancestor"/> is <paramref name="id"/> or one of its <see cref="Ancestors"/>; stops
    /// walking as soon as it is found.
    /// </summary>
    /// <exception cref="UnknownRevisionException">A revision is not in the graph.</exception>
    public bool IsAncestorOrSelf(string ancestor, string id)
    {
        var target = Get(ancestor).Id;
        var floor = _level[target];
        var start = Get(id).Id;
        if (_level[start] < floor) return false;
        var seen = new HashSet<string>(Ordinal);
        var stack = new Stack<string>([start]);
        while (stack.Count > 0)
        {
            var next = stack.Pop();
            if (next == target) return true;
            if (!seen.Add(next)) continue;
            foreach (var parent in _allParents[next])
                if (_level[parent] >= floor) stack.Push(parent);
        }
        return false;
    }

    /// <summary>
    /// Every revision that has <paramref name="id"/> among its <see cref="Ancestors"/> (children and dependents,
    /// transitively), in <see cref="All"/> order. Excludes the revision itself.
    /// </summary>
    /// <exception cref="UnknownRevisionException">No revision has this id.</exception>
    public IReadOnlyList<RevisionInfo> Descendants(string id)
    {
        var set = Closure([Get(id).Id], _allChildren);
        set.Remove(id);
        return InOrder(set);
    }

    /// <summary>
    /// Finds one revision by exact id, then by branch label (the revision that declares it), then by unique id prefix.
    /// </summary>
    /// <exception cref="AmbiguousRevisionException">The text is a prefix of several ids.</exception>
    /// <exception cref="UnknownRevisionException">Nothing matches.</exception>
    public RevisionInfo Resolve(string idOrPrefixOrLabel)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefixOrLabel);
        if (_byId.TryGetValue(idOrPrefixOrLabel, out var exact))
            return exact;
        if (_labelOwner.TryGetValue(idOrPrefixOrLabel, out var owner))
            return _byId[owner];
        return _byId[ResolvePrefix(idOrPrefixOrLabel, _byId.Keys, branch: null)];
    }

    private string ResolvePrefix(string prefix, IEnumerable<string> candidates, string? branch)
    {
        if (prefix.Length == 0)
            throw new UnknownRevisionException(prefix, "An empty text is not a revision.");
        var matches = candidates.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Order(Ordinal).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new UnknownRevisionException(prefix, branch is null ? null : $"It was looked for on branch '{branch}' only."),
            _ => throw new AmbiguousRevisionException(prefix, matches),
        };
    }

    private static void ValidateName(string? name, string what, string? revisionId)
    {
        var where = revisionId is null || what == "Revision id" ? "" : $" on revision '{revisionId}'";
        if (string.IsNullOrWhiteSpace(name))
            throw new RevisionGraphException($"{what}{where} is empty. Give every revision a non-empty id and every label non-empty text.");
        if (name.Contains('@'))
            throw new RevisionGraphException(
                $"{what} '{name}'{where} contains '@', which separates a branch from a revision in targets such as 'label@head'. Choose a name without '@'.");
        if (ReservedNames.Contains(name, Ordinal))
            throw new RevisionGraphException(
                $"{what} '{name}'{where} is reserved: 'head', 'heads' and 'base' are target keywords. Choose another name.");
    }

    private static List<RevisionInfo> TopologicalOrder(
        Dictionary<string, RevisionInfo> byId, Dictionary<string, string[]> allParents)
    {
        // Kahn's algorithm; the ready set is sorted so equal inputs always give the same order.
        var pending = allParents.ToDictionary(p => p.Key, p => p.Value.Length, Ordinal);
        var dependents = Invert(allParents);
        var ready = new SortedSet<string>(pending.Where(p => p.Value == 0).Select(p => p.Key), Ordinal);
        var order = new List<RevisionInfo>(byId.Count);
        while (ready.Count > 0)
        {
            var id = ready.Min!;
            ready.Remove(id);
            order.Add(byId[id]);
            foreach (var child in dependents[id])
                if (--pending[child] == 0)
                    ready.Add(child);
        }

        if (order.Count < byId.Count)
            throw new CycleException(FindCycle(pending.Where(p => p.Value > 0).Select(p => p.Key), allParents));
        return order;
    }

    private static List<string> FindCycle(IEnumerable<string> stuck, Dictionary<string, string[]> allParents)
    {
        // Every stuck revision has a stuck parent, so walking parents from any of them must revisit one.
        var stuckSet = new HashSet<string>(stuck, Ordinal);
        var path = new List<string>();
        var index = new Dictionary<string, int>(Ordinal);
        var current = stuckSet.Min(Ordinal)!;
        while (!index.ContainsKey(current))
        {
            index[current] = path.Count;
            path.Add(current);
            current = allParents[current].Where(stuckSet.Contains).Min(Ordinal)!;
        }
        var cycle = path.Skip(index[current]).ToList();
        // Start at the smallest id so the message is stable.
        var start = cycle.IndexOf(cycle.Min(Ordinal)!);
        return cycle.Skip(start).Concat(cycle.Take(start)).ToList();
    }

    private static Dictionary<string, string[]> Invert(Dictionary<string, string[]> edges)
    {
        var result = edges.Keys.ToDictionary(k => k, _ => new List<string>(), Ordinal);
        foreach (var (id, targets) in edges)
            foreach (var target in targets)
                result[target].Add(id);
        return result.ToDictionary(p => p.Key, p => p.Value.Order(Ordinal).ToArray(), Ordinal);
    }

    /// <summary>The given ids plus everything reachable from them along <paramref name="edges"/>.</summary>
    private static HashSet<string> Closure(IEnumerable<string> start, Dictionary<string, string[]> edges)
    {
        var seen = new HashSet<string>(Ordinal);
        var stack = new Stack<string>(start);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!seen.Add(id))
                continue;
            foreach (var next in edges[id])
                stack.Push(next);
        }
        return seen;
    }

    private IReadOnlyList<RevisionInfo> InOrder(IEnumerable<string> ids) =>
        ids.Distinct(Ordinal).OrderBy(id => _position[id]).Select(id => _byId[id]).ToArray();

    private static string[] Sorted(IEnumerable<string> ids) => ids.Distinct(Ordinal).Order(Ordinal).ToArray();

    private static string List(IEnumerable<string> ids)
    {
        var sorted = Sorted(ids);
        return sorted.Length == 0 ? "none" : string.Join(", ", sorted);
    }
}

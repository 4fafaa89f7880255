namespace Retort.Revisions;

public sealed partial class RevisionGraph
{
    /// <summary>Resolves <paramref name="target"/> as an upgrade target and returns the revisions to apply.</summary>
    /// <inheritdoc cref="UpgradePath(IReadOnlyCollection{string}, RevisionTarget)"/>
    public IReadOnlyList<RevisionInfo> UpgradePath(IReadOnlyCollection<string> currentHeads, string target) =>
        UpgradePath(currentHeads, ResolveUpgradeTarget(target, currentHeads));

    /// <summary>
    /// The revisions to apply, in order, to bring a database at <paramref name="currentHeads"/> up to
    /// <paramref name="target"/>: every ancestor-or-self of the target (through down revisions and depends_on) that
    /// is not already applied. Each revision comes after all its parents and dependencies; ties follow
    /// <see cref="All"/>, so the result is deterministic. Empty when the target is already reached.
    /// </summary>
    /// <param name="currentHeads">The heads recorded in the version table (exact ids); empty for a fresh database.</param>
    /// <param name="target">A resolved target.</param>
    /// <exception cref="UnknownRevisionException">A current head is not a known revision.</exception>
    /// <exception cref="RevisionGraphException">The target is behind the current heads.</exception>
    public IReadOnlyList<RevisionInfo> UpgradePath(IReadOnlyCollection<string> currentHeads, RevisionTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var id in target.Revisions)
            Get(id);
        var heads = ValidHeads(currentHeads);
        var applied = Closure(heads, _allParents);

        if (target.IsBase && applied.Count > 0)
            throw new RevisionGraphException(
                $"Cannot upgrade to '{target.Text}': revisions are applied (current heads: {List(heads)}). " +
                "Use downgrade to go back to base.");
        foreach (var id in target.Revisions)
        {
            // Applied with an applied child means history has moved past it on its own line.
            if (applied.Contains(id) && _children[id].Any(applied.Contains))
                throw new RevisionGraphException(
                    $"Cannot upgrade to '{target.Text}': revision '{id}' is already applied and the current heads " +
                    $"({List(heads)}) are past it. Use downgrade to go back to it.");
        }

        var needed = Closure(target.Revisions, _allParents);
        return All.Where(r => needed.Contains(r.Id) && !applied.Contains(r.Id)).ToArray();
    }

    /// <summary>Resolves <paramref name="target"/> as a downgrade target and returns the revisions to un-apply.</summary>
    /// <inheritdoc cref="DowngradePath(IReadOnlyCollection{string}, RevisionTarget)"/>
    public IReadOnlyList<RevisionInfo> DowngradePath(IReadOnlyCollection<string> currentHeads, string target) =>
        DowngradePath(currentHeads, ResolveDowngradeTarget(target, currentHeads));

    /// <summary>
    /// The revisions to un-apply, children and dependents before their parents, to bring a database at
    /// <paramref name="currentHeads"/> down to <paramref name="target"/> (which stays applied). Everything applied
    /// that was built on the target is removed; <c>base</c> removes everything. A target with a
    /// <see cref="RevisionTarget.Lineage"/> only removes revisions on that line, and keeps revisions that other
    /// current heads still stand on. A revision that applied revisions depend on is only removed together with
    /// (after) those dependents. Empty when there is nothing to remove.
    /// </summary>
    /// <param name="currentHeads">The heads recorded in the version table (exact ids).</param>
    /// <param name="target">A resolved target.</param>
    /// <exception cref="UnknownRevisionException">A current head is not a known revision.</exception>
    /// <exception cref="RevisionGraphException">The target is not applied (not below the current heads).</exception>
    public IReadOnlyList<RevisionInfo> DowngradePath(IReadOnlyCollection<string> currentHeads, RevisionTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var id in target.Revisions)
            Get(id);
        var heads = ValidHeads(currentHeads);
        var applied = Closure(heads, _allParents);

        var notApplied = target.Revisions.Where(id => !applied.Contains(id)).ToArray();
        if (notApplied.Length > 0)
            throw new RevisionGraphException(
                $"Cannot downgrade to '{target.Text}': {string.Join(", ", notApplied.Select(id => $"'{id}'"))} is not applied, so it is not below " +
                $"the current heads ({List(heads)}). Use upgrade to move forward to it.");

        var keep = Closure(target.Revisions, _allParents);
        // The first revisions to go are those built directly on the target (or every base, for base).
        var roots = (target.IsBase ? Bases.Select(b => b.Id) : target.Revisions.SelectMany(id => _children[id]))
            .Where(id => !keep.Contains(id)).ToHashSet(Ordinal);

        HashSet<string>? lineage = null;
        if (target.Lineage is not null)
        {
            lineage = Lineage(Get(target.Lineage).Id);
            roots.IntersectWith(lineage);
        }

        // Removing a revision means removing everything applied that stands on it, through children or depends_on.
        var remove = Closure(roots, _allChildren);
        remove.IntersectWith(applied);

        if (lineage is not null)
        {
            // Confined to one line: other heads keep their own history (shared ancestors stay)...
            var others = Normalize(heads).Where(h => !lineage.Contains(h));
            remove.ExceptWith(Closure(others, _parents));
            // ...unless they depend on something that goes, in which case they must go first.
            remove = Closure(remove, _allChildren);
            remove.IntersectWith(applied);
        }
        remove.ExceptWith(keep);

        return All.Reverse().Where(r => remove.Contains(r.Id)).ToArray();
    }

    /// <summary>
    /// The version-table heads after applying <paramref name="applied"/> to a database at <paramref name="heads"/>:
    /// adds it and drops its down revisions and their ancestors. Dependencies on another branch stay as their own
    /// heads, as in Alembic. The result is normalized (see <see cref="Normalize"/>).
    /// </summary>
    /// <exception cref="UnknownRevisionException">A head or the revision is not in the graph.</exception>
    public IReadOnlySet<string> HeadsAfterUpgrade(IReadOnlyCollection<string> heads, RevisionInfo applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var set = ValidHeads(heads);
        set.Add(Get(applied.Id).Id);
        return Normalize(set);
    }

    /// <summary>
    /// The version-table heads after un-applying <paramref name="removed"/> from a database at <paramref name="heads"/>:
    /// drops it and adds its down revisions, except those still below a remaining head. Un-applying a merge
    /// therefore leaves its parents as separate heads again.
    /// </summary>
    /// <exception cref="UnknownRevisionException">A head or the revision is not in the graph.</exception>
    public IReadOnlySet<string> HeadsAfterDowngrade(IReadOnlyCollection<string> heads, RevisionInfo removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        var set = ValidHeads(heads);
        set.Remove(Get(removed.Id).Id);
        set.UnionWith(_parents[removed.Id]);
        return Normalize(set);
    }

    /// <summary>
    /// Drops heads that are ancestors, through down revisions, of other heads, as when stamping several revisions.
    /// A dependency (depends_on) on another branch is kept: Alembic records it as its own version row.
    /// </summary>
    /// <returns>The remaining heads in ordinal order.</returns>
    /// <exception cref="UnknownRevisionException">A head is not in the graph.</exception>
    public IReadOnlySet<string> Normalize(IReadOnlyCollection<string> heads)
    {
        var set = ValidHeads(heads);
        // One head (a linear history, every revision of a run) is already normal: no ancestry walk.
        if (set.Count <= 1) return new SortedSet<string>(set, Ordinal);
        // Only ancestors at or above the lowest head's level can be heads: the walks stop below it, so adding one
        // revision to a linear history costs a step, not a walk down to base.
        var floor = set.Min(h => _level[h]);
        var below = new HashSet<string>(Ordinal);
        var seen = new HashSet<string>(Ordinal);
        var stack = new Stack<string>();
        foreach (var head in set)
        {
            foreach (var parent in _parents[head]) stack.Push(parent);
            while (stack.Count > 0)
            {
                var next = stack.Pop();
                if (_level[next] < floor || !seen.Add(next)) continue;
                if (set.Contains(next)) below.Add(next);
                foreach (var parent in _parents[next]) stack.Push(parent);
            }
        }
        return new SortedSet<string>(set.Where(h => !below.Contains(h)), Ordinal);
    }

    /// <summary>The members of <paramref name="ids"/> that are not down-revision ancestors of other members.</summary>
    private IReadOnlySet<string> Maximal(IEnumerable<string> ids) => Normalize(ids.ToHashSet(Ordinal));

    private HashSet<string> ValidHeads(IReadOnlyCollection<string> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var set = new HashSet<string>(Ordinal);
        foreach (var head in heads)
        {
            if (!_byId.ContainsKey(head))
                throw new UnknownRevisionException(head,
                    "It is recorded as a current head, but no revision has that exact id; the database may have been " +
                    "migrated with revisions that are missing here.");
            set.Add(head);
        }
        return set;
    }
}

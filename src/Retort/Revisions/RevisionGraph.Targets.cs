using System.Globalization;
using System.Text.RegularExpressions;

namespace Retort.Revisions;

public sealed partial class RevisionGraph
{
    // "<symbol>+N" / "<symbol>-N"; the symbol may be empty (relative to the current heads). Lazy so that an id
    // containing '-' keeps everything up to the last sign.
    private static readonly Regex RelativePattern = new(@"^(?<symbol>.*?)(?<sign>[+-])(?<steps>[0-9]+)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Resolves an upgrade target: <c>head</c>, <c>heads</c>, <c>base</c>, an id or prefix, a branch label,
    /// <c>label@head</c>, <c>label@base</c>, <c>label@id</c>, <c>+N</c>, <c>id+N</c>, <c>id-N</c> or <c>label@+N</c>.
    /// Relative forms without an id count from <paramref name="currentHeads"/>.
    /// </summary>
    /// <exception cref="RevisionGraphException">The target is malformed, names nothing, is ambiguous, or steps too far.</exception>
    public RevisionTarget ResolveUpgradeTarget(string target, IReadOnlyCollection<string> currentHeads) =>
        ResolveTarget(target, currentHeads, upgrade: true);

    /// <summary>
    /// Resolves a downgrade target: the forms of <see cref="ResolveUpgradeTarget"/> plus <c>-N</c> and
    /// <c>label@-N</c>. Branch-qualified and relative forms confine the downgrade to one line of history
    /// (<see cref="RevisionTarget.Lineage"/>).
    /// </summary>
    /// <exception cref="RevisionGraphException">The target is malformed, names nothing, is ambiguous, or steps too far.</exception>
    public RevisionTarget ResolveDowngradeTarget(string target, IReadOnlyCollection<string> currentHeads) =>
        ResolveTarget(target, currentHeads, upgrade: false);

    private RevisionTarget ResolveTarget(string target, IReadOnlyCollection<string> currentHeads, bool upgrade)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (string.IsNullOrWhiteSpace(target))
            throw new RevisionGraphException(
                "The target is empty. Give a revision id, a branch label, 'head', 'heads', 'base' or a relative step such as '+1'.");
        var current = ValidHeads(currentHeads);

        switch (target)
        {
            case "heads":
                return new RevisionTarget(target, Heads.Select(h => h.Id));
            case "head":
                return new RevisionTarget(target, [SingleHead(target)]);
            case "base":
                return new RevisionTarget(target, []);
        }

        // A whole-text match wins, so ids or labels that happen to look like "x-1" stay reachable.
        if (_byId.ContainsKey(target) || _labelOwner.ContainsKey(target))
            return new RevisionTarget(target, [Resolve(target).Id]);

        var at = target.IndexOf('@');
        if (at >= 0)
            return ResolveBranchTarget(target, target[..at], target[(at + 1)..], current, upgrade);

        var relative = RelativePattern.Match(target);
        if (relative.Success)
        {
            var steps = ParseSteps(target, relative);
            var symbol = relative.Groups["symbol"].Value;
            return symbol.Length == 0
                ? ResolveRelativeToCurrent(target, steps, current, upgrade)
                : ResolveRelativeToRevision(target, symbol, steps);
        }

        if (target.StartsWith('+') || target.StartsWith('-') || target.Contains('+'))
            throw MalformedRelative(target);
        return new RevisionTarget(target, [Resolve(target).Id]);
    }

    private RevisionTarget ResolveBranchTarget(
        string target, string branch, string rest, HashSet<string> current, bool upgrade)
    {
        if (branch.Length == 0 || rest.Length == 0)
            throw new RevisionGraphException(
                $"Target '{target}' is incomplete: write '<label>@head', '<label>@base', '<label>@<revision>' or '<label>@+N'.");
        var anchor = ResolveBranchAnchor(branch);
        var lineage = Lineage(anchor);

        if (rest == "head")
        {
            var heads = Sorted(Closure([anchor], _children).Where(id => _children[id].Length == 0));
            if (heads.Length > 1)
                throw new MultipleHeadsException(target, heads);
            return new RevisionTarget(target, heads, anchor);
        }

        if (rest == "base")
        {
            var root = BranchRoot(anchor);
            // Upgrading to a branch's base means applying its first revision; downgrading to it means removing the
            // whole branch, i.e. going back to what the branch was built on.
            return upgrade
                ? new RevisionTarget(target, [root], anchor)
                : new RevisionTarget(target, _parents[root], anchor);
        }

        var relative = RelativePattern.Match(rest);
        if (relative.Success && relative.Groups["symbol"].Value.Length == 0)
        {
            var steps = ParseSteps(target, relative);
            CheckDirection(target, steps, upgrade);
            var position = Maximal(current.SelectMany(h => Closure([h], _allParents)).Where(lineage.Contains));
            if (position.Count > 1)
                throw new RevisionGraphException(
                    $"Target '{target}' is ambiguous: branch '{branch}' currently has several heads ({List(position)}). " +
                    "Target one of them by id instead, e.g. '<id>+N' or '<id>-N'.");
            if (steps > 0)
                return new RevisionTarget(target, OptionalOne(WalkUp(target, position.SingleOrDefault(), steps, lineage)), anchor);
            if (position.Count == 0)
            {
                if (steps == 0)
                    return new RevisionTarget(target, [], anchor);
                throw new RevisionGraphException(
                    $"Cannot resolve '{target}': nothing on branch '{branch}' is applied, so there is nothing to step back from.");
            }
            return new RevisionTarget(target, WalkDown(target, position.Single(), -steps), anchor);
        }

        if (rest.StartsWith('+') || rest.StartsWith('-'))
            throw MalformedRelative(target);
        return new RevisionTarget(target, [ResolveOnLineage(rest, branch, lineage)], anchor);
    }

    private RevisionTarget ResolveRelativeToCurrent(string target, int steps, HashSet<string> current, bool upgrade)
    {
        CheckDirection(target, steps, upgrade);
        var heads = Normalize(current);
        if (steps == 0)
            return new RevisionTarget(target, heads);
        if (heads.Count > 1)
            throw new RevisionGraphException(
                $"Target '{target}' is ambiguous: there are several current heads ({List(heads)}). " +
                $"Say which branch to move with '<label>@{target}' or '<id>{target}'.");
        if (steps > 0)
            return new RevisionTarget(target, OptionalOne(WalkUp(target, heads.SingleOrDefault(), steps, lineage: null)));
        if (heads.Count == 0)
            throw new RevisionGraphException(
                $"Cannot resolve '{target}': no revision is applied, so there is nothing to step back from.");
        var head = heads.Single();
        return new RevisionTarget(target, WalkDown(target, head, -steps), head);
    }

    private RevisionTarget ResolveRelativeToRevision(string target, string symbol, int steps)
    {
        var start = symbol == "head" ? SingleHead(target) : Resolve(symbol).Id;
        return steps >= 0
            ? new RevisionTarget(target, OptionalOne(WalkUp(target, start, steps, lineage: null)), start)
            : new RevisionTarget(target, WalkDown(target, start, -steps), start);
    }

    private string SingleHead(string target) =>
        Heads.Count == 1 ? Heads[0].Id : throw new MultipleHeadsException(target, Sorted(Heads.Select(h => h.Id)));

    /// <summary>Resolves the part before '@': a branch label first, then a revision id or prefix.</summary>
    private string ResolveBranchAnchor(string branch)
    {
        if (_labelOwner.TryGetValue(branch, out var owner))
            return owner;
        try
        {
            return Resolve(branch).Id;
        }
        catch (UnknownRevisionException)
        {
            throw new UnknownRevisionException(branch, "It was looked for as the branch label before '@'.");
        }
    }

    /// <summary>Resolves an id, label or prefix that must lie on the line of history through the branch anchor.</summary>
    private string ResolveOnLineage(string text, string branch, HashSet<string> lineage)
    {
        string? found = _byId.ContainsKey(text) ? text : _labelOwner.GetValueOrDefault(text);
        if (found is null)
        {
            // Prefixes are matched on the branch only, so a prefix shared with another branch still works here.
            var onBranch = lineage.Where(id => id.StartsWith(text, StringComparison.Ordinal)).ToArray();
            if (onBranch.Length > 0 || !_byId.Keys.Any(id => id.StartsWith(text, StringComparison.Ordinal)))
                return ResolvePrefix(text, onBranch, branch);
            found = Resolve(text).Id;
        }
        if (!lineage.Contains(found))
            throw new RevisionGraphException(
                $"Revision '{found}' is not on branch '{branch}': it is neither an ancestor nor a descendant of the " +
                "revision carrying that label. Drop the branch prefix, or pick a revision on the branch.");
        return found;
    }

    /// <summary>
    /// The lowest revision of the branch through <paramref name="anchor"/>. As in Alembic, a label also covers the
    /// revisions below it down to (not including) the nearest branch point or merge, so walk down while that holds.
    /// </summary>
    private string BranchRoot(string anchor)
    {
        var current = anchor;
        while (_parents[current].Length == 1)
        {
            var parent = _parents[current][0];
            if (_children[parent].Length > 1 || _parents[parent].Length > 1)
                break;
            current = parent;
        }
        return current;
    }

    /// <summary>The anchor, its ancestors and its descendants along down revisions: one line of history.</summary>
    private HashSet<string> Lineage(string anchor)
    {
        var set = Closure([anchor], _parents);
        set.UnionWith(Closure([anchor], _children));
        return set;
    }

    /// <summary>Walks <paramref name="steps"/> children up from <paramref name="start"/> (null: from base).</summary>
    private string? WalkUp(string target, string? start, int steps, HashSet<string>? lineage)
    {
        var current = start;
        for (var taken = 0; taken < steps; taken++)
        {
            var next = (current is null ? Bases.Select(b => b.Id) : _children[current])
                .Where(id => lineage is null || lineage.Contains(id)).ToArray();
            if (next.Length == 0)
                throw new RevisionGraphException(
                    $"Relative target '{target}' runs past the head: from {Describe(start)} it can move up at most " +
                    $"{taken} step(s){(current is null ? "" : $", to '{current}'")}. Use a smaller step or 'heads'.");
            if (next.Length > 1)
                throw new RevisionGraphException(
                    $"Relative target '{target}' is ambiguous: history branches at {Describe(current)} into " +
                    $"{List(next)}. Name the branch with '<label>@+N' or step from a revision on it with '<id>+N'.");
            current = next[0];
        }
        return current;
    }

    /// <summary>Walks <paramref name="steps"/> down revisions down from <paramref name="start"/>; empty result is base.</summary>
    private string[] WalkDown(string target, string start, int steps)
    {
        string[] current = [start];
        for (var taken = 0; taken < steps; taken++)
        {
            if (current.Length == 0)
                throw new RevisionGraphException(
                    $"Relative target '{target}' runs past base: from '{start}' it can move down at most {taken} " +
                    "step(s), to base. Use a smaller step or 'base'.");
            if (current.Length > 1)
                // A merge has several parents; one step down lands on all of them, but stepping further is a guess.
                throw new RevisionGraphException(
                    $"Relative target '{target}' is ambiguous: stepping down from '{start}' passes merge parents " +
                    $"{List(current)}. Target a revision id instead.");
            current = _parents[current[0]];
        }
        return current;
    }

    private static string Describe(string? id) => id is null ? "base" : $"'{id}'";

    private static string[] OptionalOne(string? id) => id is null ? [] : [id];

    private static void CheckDirection(string target, int steps, bool upgrade)
    {
        if (upgrade && steps < 0)
            throw new RevisionGraphException(
                $"Target '{target}' moves backwards, which an upgrade cannot do. Use downgrade with '{target}'.");
        if (!upgrade && steps > 0)
            throw new RevisionGraphException(
                $"Target '{target}' moves forwards, which a downgrade cannot do. Use upgrade with '{target}'.");
    }

    private static int ParseSteps(string target, Match match)
    {
        if (!int.TryParse(match.Groups["steps"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var steps))
            throw new RevisionGraphException($"The step count in '{target}' is too large. Use a smaller number.");
        return match.Groups["sign"].Value == "-" ? -steps : steps;
    }

    private static RevisionGraphException MalformedRelative(string target) =>
        new($"Target '{target}' is not valid: a relative step is '+' or '-' followed by a whole number, as in '+1', " +
            "'-2', '<id>+1' or '<label>@-1'.");
}

namespace Retort.Fleet.Internal;

/// <summary>A fixed list of targets.</summary>
internal sealed class ListTargetSource(IReadOnlyList<FleetTarget> targets) : FleetTargetSource
{
    public override Task<IReadOnlyList<FleetTarget>> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (targets.Count == 0) throw new FleetInputException("The fleet has no targets. Give at least one database.");
        foreach (var target in targets) TargetChecks.Target(target.Url, target.Schema, $"target {target.DisplayName}");
        TargetChecks.Unique(targets, "the list of targets");
        return Task.FromResult(targets);
    }
}

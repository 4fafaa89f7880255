namespace Retort.Fleet.Internal;

/// <summary>Targets from a query on a control database: one URL per row.</summary>
internal sealed class SqlTargetSource(string controlUrl, string sql) : FleetTargetSource
{
    public override string? ControlUrl => controlUrl;

    public override async Task<IReadOnlyList<FleetTarget>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var urls = await ControlQuery.ReadAsync(controlUrl, sql, "--targets-sql", "database URL", cancellationToken);
        var targets = urls.Select((url, i) => TargetChecks.Target(url, null, $"row {i + 1} of --targets-sql")).ToList();
        TargetChecks.Unique(targets, "the query of --targets-sql");
        return targets;
    }
}

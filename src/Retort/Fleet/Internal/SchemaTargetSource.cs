namespace Retort.Fleet.Internal;

/// <summary>Schema-per-tenant: a query on one PostgreSQL database returning schema names, each a target in it.</summary>
internal sealed class SchemaTargetSource(string url, string sql) : FleetTargetSource
{
    public override async Task<IReadOnlyList<FleetTarget>> LoadAsync(CancellationToken cancellationToken = default)
    {
        // Refused before the query runs: a database without schemas has no tenants of this kind.
        TargetConnection.Resolve(TargetChecks.Target(url, "public", "--url"));
        var schemas = await ControlQuery.ReadAsync(url, sql, "--schemas-sql", "schema name", cancellationToken);
        var targets = schemas.Select(schema => new FleetTarget(url, schema)).ToList();
        TargetChecks.Unique(targets, "the query of --schemas-sql");
        return targets;
    }
}

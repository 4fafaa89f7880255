using Retort.Fleet.Internal;

namespace Retort.Fleet;

/// <summary>
/// Where a fleet's targets come from; read again by every run, so a rerun sees tenants added since. Sources: a file of
/// URLs, a query on a control database returning URLs, a query returning schema names (schema-per-tenant), or a list.
/// </summary>
public abstract class FleetTargetSource
{
    private protected FleetTargetSource() { }

    /// <summary>The control database the targets come from, where the status table goes by default; null when none.</summary>
    public virtual string? ControlUrl => null;

    /// <summary>Reads the targets.</summary>
    /// <exception cref="FleetInputException">The source is missing, empty or malformed, or lists a target twice.</exception>
    public abstract Task<IReadOnlyList<FleetTarget>> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A file with one database URL (or connection string) per line; blank lines and lines starting with <c>#</c> are
    /// skipped, and a relative SQLite path is relative to the file's folder.
    /// </summary>
    public static FleetTargetSource FromFile(string path) => new FileTargetSource(Path.GetFullPath(path));

    /// <summary>A query on the control database at <paramref name="controlUrl"/> whose first column gives one target URL per row.</summary>
    public static FleetTargetSource FromSql(string controlUrl, string sql) => new SqlTargetSource(controlUrl, sql);

    /// <summary>
    /// Schema-per-tenant: a query on the PostgreSQL database at <paramref name="url"/> whose first column gives one schema
    /// name per row; each schema is a target in that database, its revisions run with the schema as their default.
    /// </summary>
    public static FleetTargetSource FromSchemas(string url, string sql) => new SchemaTargetSource(url, sql);

    /// <summary>A fixed list of targets.</summary>
    public static FleetTargetSource FromList(IEnumerable<FleetTarget> targets) => new ListTargetSource(targets.ToList());
}

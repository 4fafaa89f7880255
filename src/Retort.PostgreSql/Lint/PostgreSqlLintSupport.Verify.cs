using Npgsql;
using Retort.Lint;

namespace Retort.PostgreSql.Lint;

public sealed partial class PostgreSqlLintSupport
{
    /// <inheritdoc />
    public override bool CanVerify => true;

    /// <inheritdoc />
    public override async Task<ObservedStatement> ObserveAsync(string connectionString, string sql, CancellationToken cancellationToken = default)
    {
        var observation = await new LockObserver(connectionString).ObserveAsync(sql, blockTable: null, keep: true, cancellationToken);
        return new ObservedStatement(observation.Relations
            .Select(r => new ObservedRelation(r.Schema, r.Name, r.Modes, r.StrongestMode, r.Rewritten, r.Scans)).ToList(), observation.InTransaction);
    }

    /// <inheritdoc />
    public override string? Disagreement(LintRule rule, string relation, ObservedRelation? observed, Version serverVersion) =>
        RuleClaim.Disagreement(rule, relation,
            observed is null ? null : new RelationObservation(observed.Schema, observed.Name, observed.Modes, observed.Rewritten, observed.Scans), serverVersion);

    /// <inheritdoc />
    public override async Task<bool> SameDatabaseAsync(string connectionString, string otherConnectionString, CancellationToken cancellationToken = default)
    {
        // A database is the server (when it started, to the microsecond, and its port) plus the database's oid: host names may differ.
        async Task<string> IdentityAsync(string cs)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text || '/' || pg_postmaster_start_time()::text || '/' || " +
                "coalesce(inet_server_port()::text, current_setting('port'))", connection);
            return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        return await IdentityAsync(connectionString) == await IdentityAsync(otherConnectionString);
    }
}

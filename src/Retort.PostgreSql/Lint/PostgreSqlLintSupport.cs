using System.Data.Common;
using Retort.Lint;
using Retort.PostgreSql.Internal;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>PostgreSQL's lint capability: the live catalogue read from <c>pg_class</c> (estimates and sizes, no scan).</summary>
public class PostgreSqlLintSupport : LintSupport
{
    /// <inheritdoc />
    public override Task<LiveCatalogue> ReadLiveAsync(DbConnection connection, ISqlSyntax syntax, IReadOnlyCollection<string> tables,
        CancellationToken cancellationToken = default) =>
        PostgreSqlLiveCatalogue.ReadAsync(connection, syntax, tables.Select(SplitName).ToList(), ParseVersion, cancellationToken);
}

using System.Data.Common;
using Retort.Lint;
using Retort.PostgreSql.Internal;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>PostgreSQL's lint capability; this part reads the live catalogue (retort lint --url, the gate): estimates and sizes from <c>pg_class</c>, no scan.</summary>
public sealed partial class PostgreSqlLintSupport : LintSupport
{
    /// <inheritdoc />
    public override Task<LiveCatalogue> ReadLiveAsync(DbConnection connection, ISqlSyntax syntax, IReadOnlyCollection<string> tables,
        CancellationToken cancellationToken = default) =>
        PostgreSqlLiveCatalogue.ReadAsync(connection, syntax, tables.Select(SplitName).ToList(), ParseVersion, cancellationToken);
}

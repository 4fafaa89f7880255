using System.Data.Common;
using Retort.Lint;
using Retort.PostgreSql.Internal;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

// The live catalogue of retort lint --url and the gate: estimates and sizes from pg_class, no scan.
public sealed partial class PostgreSqlLintSupport : LintSupport
{
    /// <inheritdoc />
    public override Task<LiveCatalogue> ReadLiveAsync(DbConnection connection, ISqlSyntax syntax, IReadOnlyCollection<string> tables,
        CancellationToken cancellationToken = default) =>
        PostgreSqlLiveCatalogue.ReadAsync(connection, syntax, tables.Select(SplitName).ToList(), ParseVersion, cancellationToken);
}

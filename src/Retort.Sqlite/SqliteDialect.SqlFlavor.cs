using Retort.Dialects;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite;

public sealed partial class SqliteDialect : ISqlFlavorProvider
{
    /// <inheritdoc />
    public SqlFlavor SqlFlavor => SqliteSql.Flavor;
}

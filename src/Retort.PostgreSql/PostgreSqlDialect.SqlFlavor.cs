using Retort.Dialects;
using Retort.Sql;

namespace Retort.PostgreSql;

public sealed partial class PostgreSqlDialect : ISqlFlavorProvider
{
    /// <summary>PostgreSQL's SQL text: <c>E'…'</c> strings with backslash escapes, <c>$tag$…$tag$</c> bodies, nested block comments.</summary>
    internal static readonly SqlFlavor Flavor = new() { EscapeStrings = true, DollarQuotes = true, NestedComments = true };

    /// <inheritdoc />
    public SqlFlavor SqlFlavor => Flavor;
}

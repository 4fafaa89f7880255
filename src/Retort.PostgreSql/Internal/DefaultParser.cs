using System.Globalization;
using System.Text.RegularExpressions;
using Retort.Schema;
using Retort.Schema.Types;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// Turns a default as PostgreSQL prints it (<c>'abc'::character varying</c>, <c>42</c>, <c>now()</c>) back into
/// the model's literal or expression, so a created column reflects as the default it was created with.
/// </summary>
internal static partial class DefaultParser
{
    [GeneratedRegex(@"^'((?:[^']|'')*)'(::[a-z_ ]+(\(\d+(,\s*\d+)?\))?(\[\])?)?$")]
    private static partial Regex QuotedLiteral();

    [GeneratedRegex(@"^\(?(-?\d+(\.\d+)?([eE][-+]?\d+)?)\)?(::[a-z_ ]+)?$")]
    private static partial Regex NumberLiteral();

    public static ServerDefault? Parse(string? expression, SqlType type)
    {
        if (expression is null) return null;
        var text = expression.Trim();
        if (text is "true" or "false") return new LiteralDefault(text == "true");
        if (type is not CustomType && QuotedLiteral().Match(text) is { Success: true } q)
        {
            var value = q.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
            return FromText(value, type) ?? ServerDefault.Sql(text);
        }
        if (NumberLiteral().Match(text) is { Success: true } n)
            return FromText(n.Groups[1].Value, type is StringType or TextType ? SqlType.Numeric() : type) ?? ServerDefault.Sql(text);
        return ServerDefault.Sql(text);
    }

    // The literal as the value the model would hold for a column of this type; null when it does not parse.
    private static LiteralDefault? FromText(string value, SqlType type)
    {
        var inv = CultureInfo.InvariantCulture;
        return type switch
        {
            IntegerType => long.TryParse(value, NumberStyles.Integer, inv, out var l) ? new LiteralDefault(l) : null,
            NumericType => decimal.TryParse(value, NumberStyles.Float, inv, out var m) ? new LiteralDefault(m) : null,
            FloatType => double.TryParse(value, NumberStyles.Float, inv, out var d) ? new LiteralDefault(d) : null,
            BooleanType => value switch { "t" or "true" => new LiteralDefault(true), "f" or "false" => new LiteralDefault(false), _ => null },
            // Dates, times, GUIDs and JSON are held as strings in the model, as PostgreSQL prints them.
            _ => new LiteralDefault(value),
        };
    }
}

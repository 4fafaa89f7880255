using System.Globalization;

namespace Retort.Schema;

/// <summary>
/// A default the database applies when an INSERT leaves a column out: either a literal value or a SQL
/// expression. Literals are normalised (any integer becomes <see cref="long"/>, any floating point
/// <see cref="double"/>) so a model and its reflected copy compare equal.
/// </summary>
public abstract record ServerDefault
{
    /// <summary>A literal value, rendered as a properly escaped SQL literal by the dialect.</summary>
    public static ServerDefault Literal(object value) => new LiteralDefault(value);

    /// <summary>A SQL expression, rendered verbatim (for example <c>CURRENT_TIMESTAMP</c>).</summary>
    public static ServerDefault Sql(string expression) => new ExpressionDefault(expression);
}

/// <summary>A literal default value.</summary>
public sealed record LiteralDefault : ServerDefault
{
    /// <summary>Creates a literal default; the value is normalised.</summary>
    public LiteralDefault(object value) => Value = Normalize(value);

    /// <summary>The normalised value: string, long, double, decimal, bool, or a string for dates and GUIDs.</summary>
    public object Value { get; }

    private static object Normalize(object value) => value switch
    {
        null => throw new ArgumentNullException(nameof(value), "A literal default needs a value; use no default instead of null."),
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        // Integral values compare equal whatever numeric type wrote them (a database reports "5", not "5.0").
        float f => f == Math.Floor(f) && Math.Abs(f) < 1e15 ? (long)f : (double)f,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => (long)d,
        decimal m when m == decimal.Truncate(m) && Math.Abs(m) < 1e15m => (long)m,
        System.DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        System.DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        System.Guid g => g.ToString(),
        string or long or double or decimal or bool => value,
        _ => throw new ArgumentException($"A literal default of type {value.GetType().Name} is not supported; use ServerDefault.Sql(...).", nameof(value)),
    };

    /// <inheritdoc />
    public override string ToString() => $"Value({Value})";
}

/// <summary>A SQL expression default, such as <c>CURRENT_TIMESTAMP</c>.</summary>
/// <param name="Expression">The expression text, rendered verbatim.</param>
public sealed record ExpressionDefault(string Expression) : ServerDefault
{
    /// <inheritdoc />
    public override string ToString() => $"Sql({Expression})";
}

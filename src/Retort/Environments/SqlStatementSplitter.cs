using Retort.Sql;

namespace Retort.Environments;

/// <summary>
/// Splits a SQL script into statements at top-level semicolons: <see cref="SqlSplitter.Split"/> read with
/// <see cref="SqlFlavor.Lenient"/> (a semicolon inside a string, <c>E'…'</c>, a quoted name, a comment, a dollar-quoted
/// body, parentheses or a trigger's or SQL routine's <c>BEGIN … END</c> body does not split).
/// Comments are kept inside the statements they belong to; blank and comment-only pieces are dropped.
/// </summary>
public static class SqlStatementSplitter
{
    /// <summary>The statements, trimmed, without their terminating semicolons.</summary>
    public static IReadOnlyList<string> Split(string sql) => SqlSplitter.Split(sql);
}

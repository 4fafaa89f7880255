using Retort.Sql;

namespace Retort.Operations;

/// <summary>
/// Identifier-aware helpers for SQL fragments held in the model (check conditions, partial index conditions) and for
/// raw statements: find or rename a column name without touching strings, comments or longer identifiers. They read
/// the text with <see cref="SqlIdentifiers"/> and <see cref="SqlCanonical"/>; a dollar-quoted body is read as code
/// here, since a function body or <c>DO</c> block names the tables it changes.
/// </summary>
public static class SqlText
{
    // Every quote form of SqlFlavor.Lenient except dollar quotes: what is inside $$ … $$ is searched as code.
    private static readonly SqlFlavor Flavor = SqlFlavor.Lenient with { DollarQuotes = false };

    /// <summary>True when <paramref name="sql"/> mentions <paramref name="identifier"/> as a whole identifier.</summary>
    public static bool MentionsIdentifier(string sql, string identifier) => SqlIdentifiers.Mentions(sql, identifier, Flavor);

    /// <summary>
    /// Replaces whole-identifier occurrences of <paramref name="from"/> (bare, or in double quotes, brackets or
    /// backticks) by <paramref name="to"/>, leaving string literals and comments alone. Comparison is case-insensitive
    /// for bare identifiers, as SQL folds them. A bare occurrence is replaced by <paramref name="to"/> in double
    /// quotes, a quoted one keeps its quotes.
    /// </summary>
    public static string RenameIdentifier(string sql, string from, string to) => SqlIdentifiers.Rename(sql, from, to, Flavor);

    /// <summary>
    /// A comparison key for a SQL expression: the spelling differences databases introduce when they store and
    /// print an expression back (case, spacing, parentheses, quoted identifiers, <c>::type</c> casts, numbers
    /// written as strings) are removed. Two expressions with the same key are treated as the same by autogenerate.
    /// </summary>
    public static string Canonical(string sql) => SqlCanonical.Key(sql);
}

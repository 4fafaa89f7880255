namespace Retort.Sql;

/// <summary>
/// What a database's SQL text allows beyond the forms every database reads (<c>'…'</c> strings with <c>''</c>
/// escapes, <c>"…"</c> quoted names with <c>""</c> escapes, <c>--</c> and <c>/* */</c> comments): one switch per
/// lexical form. A dialect picks the switches of its database; code that does not know which database will read a
/// text uses <see cref="Lenient"/>.
/// </summary>
public sealed record SqlFlavor
{
    /// <summary><c>[name]</c> is a quoted name (closed by the first <c>]</c>).</summary>
    public bool BracketIdentifiers { get; init; }

    /// <summary><c>`name`</c> is a quoted name (<c>``</c> inside it is one backtick).</summary>
    public bool BacktickIdentifiers { get; init; }

    /// <summary><c>E'…'</c> is a string in which a backslash escapes the next character (<c>E'it\'s'</c>).</summary>
    public bool EscapeStrings { get; init; }

    /// <summary><c>$$…$$</c> and <c>$tag$…$tag$</c> are strings (function bodies): nothing inside them is code.</summary>
    public bool DollarQuotes { get; init; }

    /// <summary><c>/* … /* … */ … */</c> nests: a block comment ends at the <c>*/</c> that closes its own <c>/*</c>.</summary>
    public bool NestedComments { get; init; }

    /// <summary>Only the forms every database reads: no switch on.</summary>
    public static SqlFlavor Standard { get; } = new();

    /// <summary>
    /// Every quote and string form on (brackets, backticks, <c>E'…'</c>, dollar quotes), block comments not nested:
    /// for text whose database is not known, such as a <c>.sql</c> revision before a dialect reads it. What one
    /// database would not read as a quote is then taken as one, which keeps a <c>;</c> or a keyword inside it from
    /// counting; a database that nests comments is the one case it reads differently.
    /// </summary>
    public static SqlFlavor Lenient { get; } = new()
    {
        BracketIdentifiers = true,
        BacktickIdentifiers = true,
        EscapeStrings = true,
        DollarQuotes = true,
    };
}

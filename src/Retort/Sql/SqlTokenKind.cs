namespace Retort.Sql;

/// <summary>What a <see cref="SqlToken"/> is.</summary>
public enum SqlTokenKind : byte
{
    /// <summary>A run of white space.</summary>
    Whitespace,

    /// <summary><c>-- …</c> up to the end of the line (the line break is not part of it).</summary>
    LineComment,

    /// <summary><c>/* … */</c>, nested where the flavour says so.</summary>
    BlockComment,

    /// <summary>A bare word: a keyword or an unquoted name (a letter or <c>_</c>, then letters, digits, <c>_</c> and <c>$</c>).</summary>
    Word,

    /// <summary>A quoted name: <c>"…"</c>, and where the flavour says so <c>[…]</c> and <c>`…`</c>.</summary>
    QuotedIdentifier,

    /// <summary>A string literal: <c>'…'</c>, and where the flavour says so <c>E'…'</c> and <c>$tag$…$tag$</c>.</summary>
    String,

    /// <summary>A number: digits (or a dot and digits), then letters, digits and dots (<c>1.5</c>, <c>1e10</c>, <c>0x1F</c>).</summary>
    Number,

    /// <summary>A named parameter: <c>@</c> and a name (<c>@name</c>).</summary>
    Parameter,

    /// <summary>One character of an operator or of punctuation (<c>::</c> is two tokens).</summary>
    Symbol,
}

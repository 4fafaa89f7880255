namespace Retort.Sql;

/// <summary>
/// One token of a SQL text: its kind, where it is (<see cref="Start"/> to <see cref="End"/> in <see cref="Source"/>),
/// and how deep in parentheses it sits. The token keeps a reference to the text instead of a copy: reading
/// <see cref="Span"/> or comparing with <see cref="Is"/> allocates nothing; <see cref="Text"/> copies.
/// </summary>
public readonly struct SqlToken
{
    internal SqlToken(string source, SqlTokenKind kind, int start, int end, int depth, bool unterminated)
    {
        Source = source;
        Kind = kind;
        Start = start;
        End = end;
        Depth = depth;
        IsUnterminated = unterminated;
    }

    /// <summary>The text the token was read from.</summary>
    public string Source { get; }

    /// <summary>What the token is.</summary>
    public SqlTokenKind Kind { get; }

    /// <summary>Where the token starts in <see cref="Source"/>.</summary>
    public int Start { get; }

    /// <summary>Where the token ends in <see cref="Source"/> (exclusive).</summary>
    public int End { get; }

    /// <summary>The token's length.</summary>
    public int Length => End - Start;

    /// <summary>
    /// How many parentheses enclose the token. A parenthesis counts as inside the pair it belongs to: a top-level
    /// <c>(</c> and its <c>)</c> have depth 1, so the tokens at depth 0 are those outside every parenthesis.
    /// </summary>
    public int Depth { get; }

    /// <summary>
    /// True for a string, quoted name or block comment that the text ends inside: the token runs to the end of the
    /// text (a database reading it reports the error; Retort passes it on as written).
    /// </summary>
    public bool IsUnterminated { get; }

    /// <summary>The token's characters, without copying.</summary>
    public ReadOnlySpan<char> Span => Source.AsSpan(Start, End - Start);

    /// <summary>The token's characters as written.</summary>
    public string Text => Source is null ? "" : Source.Substring(Start, End - Start);

    /// <summary>True for white space and comments.</summary>
    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.LineComment or SqlTokenKind.BlockComment;

    /// <summary>True for a line or block comment.</summary>
    public bool IsComment => Kind is SqlTokenKind.LineComment or SqlTokenKind.BlockComment;

    /// <summary>True for a bare word or a quoted name: what can name a table or a column.</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>True when the token is the bare word <paramref name="keyword"/>, in any case.</summary>
    public bool Is(string keyword) => Kind == SqlTokenKind.Word && Span.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the token is the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Source[Start] == symbol;

    /// <summary>
    /// The name a word or quoted name stands for: a quoted name without its quotes (doubled quotes made single), any
    /// other token as written.
    /// </summary>
    public string Identifier => Kind == SqlTokenKind.QuotedIdentifier ? SqlIdentifiers.Unquote(Text) : Text;

    /// <summary>
    /// <see cref="Identifier"/>, with a bare word folded to lower case (ASCII letters only), as a database that folds
    /// unquoted names to lower case reads it; a quoted name keeps its case.
    /// </summary>
    public string FoldedIdentifier => Kind == SqlTokenKind.Word ? SqlIdentifiers.Fold(Text) : Identifier;

    /// <summary>A comment's text without <c>--</c>, <c>/*</c> and <c>*/</c>, trimmed; "" for any other token.</summary>
    public string CommentText => Kind switch
    {
        SqlTokenKind.LineComment => Source[(Start + 2)..End].Trim(),
        SqlTokenKind.BlockComment => Source[(Start + 2)..(IsUnterminated ? End : End - 2)].Trim(),
        _ => "",
    };

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Text}";
}

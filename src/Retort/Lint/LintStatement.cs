using Retort.Sql;

namespace Retort.Lint;

/// <summary>One SQL statement of a plan (raw SQL in a C# revision, or a statement of a .sql revision), for rules that read SQL.</summary>
/// <param name="Text">The statement as written.</param>
/// <param name="Flavor">How the dialect's SQL is read (quotes, comments).</param>
public sealed record LintStatement(string Text, SqlFlavor Flavor)
{
    /// <summary>True when the statement runs outside the revision's transaction.</summary>
    public bool OutsideTransaction { get; init; }

    /// <summary>The line of the statement in its source file, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The code tokens (no white space, no comments), read with the one lexer.</summary>
    public IReadOnlyList<SqlToken> Tokens => _tokens ??= SqlLexer.Tokenize(Text, Flavor).SkipTrivia().ToList();

    private IReadOnlyList<SqlToken>? _tokens;

    /// <summary>The code tokens' text in upper case (quoted identifiers keep their quotes), for matching a statement's shape.</summary>
    public IReadOnlyList<string> Words => _words ??= Tokens.Select(t => t.Text.ToUpperInvariant()).ToList();

    private IReadOnlyList<string>? _words;

    /// <summary>
    /// A shape read from the statement (its column definitions, its ALTER TABLE actions), computed once: several rules
    /// read the same shape of every statement of a plan, and the gate lints every pending revision before each upgrade.
    /// </summary>
    /// <param name="key">What is read, unique per reader.</param>
    /// <param name="read">Reads it from the statement.</param>
    public T Shape<T>(string key, Func<LintStatement, T> read)
    {
        _shapes ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        if (_shapes.TryGetValue(key, out var known)) return (T)known!;
        var value = read(this);
        _shapes[key] = value;
        return value;
    }

    private Dictionary<string, object?>? _shapes;
}

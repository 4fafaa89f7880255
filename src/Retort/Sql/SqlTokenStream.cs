using System.Collections;

namespace Retort.Sql;

/// <summary>
/// The tokens of a text as <see cref="SqlLexer"/> reads them, lazily: <c>foreach</c> reads one token at a time
/// without allocating, and stops reading where the loop stops. <see cref="SkipWhitespace"/> and
/// <see cref="SkipTrivia"/> give the same stream without white space, or without white space and comments.
/// </summary>
public readonly struct SqlTokenStream : IEnumerable<SqlToken>
{
    private readonly string _sql;
    private readonly int _start;
    private readonly SqlFlavor _flavor;
    private readonly bool _skipWhitespace;
    private readonly bool _skipComments;

    internal SqlTokenStream(string sql, int start, SqlFlavor flavor, bool skipWhitespace, bool skipComments)
    {
        _sql = sql;
        _start = start;
        _flavor = flavor;
        _skipWhitespace = skipWhitespace;
        _skipComments = skipComments;
    }

    /// <summary>The same tokens without white space (comments stay).</summary>
    public SqlTokenStream SkipWhitespace() => new(_sql, _start, _flavor, true, _skipComments);

    /// <summary>The code tokens only: no white space, no comments.</summary>
    public SqlTokenStream SkipTrivia() => new(_sql, _start, _flavor, true, true);

    /// <summary>The tokens in a list.</summary>
    public List<SqlToken> ToList()
    {
        var list = new List<SqlToken>();
        foreach (var token in this) list.Add(token);
        return list;
    }

    /// <summary>The first token, or false when there is none.</summary>
    public bool TryFirst(out SqlToken token)
    {
        var e = GetEnumerator();
        var found = e.MoveNext();
        token = found ? e.Current : default;
        return found;
    }

    /// <summary>An enumerator that reads the tokens one by one.</summary>
    public Enumerator GetEnumerator() => new(_sql, _start, _flavor, _skipWhitespace, _skipComments);

    IEnumerator<SqlToken> IEnumerable<SqlToken>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Reads the tokens one by one, keeping the parenthesis depth.</summary>
    public struct Enumerator : IEnumerator<SqlToken>
    {
        private readonly string _sql;
        private readonly SqlFlavor _flavor;
        private readonly bool _skipWhitespace;
        private readonly bool _skipComments;
        private int _position;
        private int _depth;

        internal Enumerator(string sql, int start, SqlFlavor flavor, bool skipWhitespace, bool skipComments)
        {
            _sql = sql;
            _flavor = flavor;
            _skipWhitespace = skipWhitespace;
            _skipComments = skipComments;
            _position = start;
            _depth = 0;
            Current = default;
        }

        /// <inheritdoc />
        public SqlToken Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext()
        {
            while (_position < _sql.Length)
            {
                var start = _position;
                _position = SqlLexer.Scan(_sql, start, _flavor, out var kind, out var unterminated);
                if (kind == SqlTokenKind.Whitespace ? _skipWhitespace : _skipComments && kind is SqlTokenKind.LineComment or SqlTokenKind.BlockComment) continue;
                var depth = _depth;
                if (kind == SqlTokenKind.Symbol)
                {
                    // A parenthesis belongs to its inside: "(" counts before it is returned, ")" after.
                    var c = _sql[start];
                    if (c == '(') depth = ++_depth;
                    else if (c == ')' && _depth > 0) _depth--;
                }
                Current = new SqlToken(_sql, kind, start, _position, depth, unterminated);
                return true;
            }
            return false;
        }

        /// <inheritdoc />
        public void Reset() => throw new NotSupportedException();

        /// <inheritdoc />
        public readonly void Dispose() { }
    }
}

using Retort.Sql;

namespace Retort.Runner.Linting.Internal;

/// <summary>The table a raw <c>CREATE TABLE</c> statement makes, read from its tokens.</summary>
internal static class CreatedTable
{
    /// <summary>The table's (possibly schema-qualified) name, or null when the statement creates no table.</summary>
    public static string? Of(IReadOnlyList<SqlToken> tokens)
    {
        var i = 0;
        if (!Word(tokens, i++, "CREATE")) return null;
        while (Word(tokens, i, "TEMP") || Word(tokens, i, "TEMPORARY") || Word(tokens, i, "UNLOGGED") || Word(tokens, i, "GLOBAL") || Word(tokens, i, "LOCAL")) i++;
        if (!Word(tokens, i++, "TABLE")) return null;
        if (Word(tokens, i, "IF") && Word(tokens, i + 1, "NOT") && Word(tokens, i + 2, "EXISTS")) i += 3;
        if (i >= tokens.Count || !tokens[i].IsName) return null;
        var name = tokens[i].Text;
        if (i + 2 < tokens.Count && tokens[i + 1].IsSymbol('.') && tokens[i + 2].IsName) name += "." + tokens[i + 2].Text;
        return name;
    }

    private static bool Word(IReadOnlyList<SqlToken> tokens, int i, string word) => i < tokens.Count && tokens[i].Kind == SqlTokenKind.Word && tokens[i].Is(word);
}

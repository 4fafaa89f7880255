using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>An <c>ALTER [COLUMN] c [SET DATA] TYPE t [USING e]</c> action of <c>ALTER TABLE</c>, read from its tokens.</summary>
/// <param name="Column">The column, folded.</param>
/// <param name="Type">The new type's tokens.</param>
/// <param name="Using">True when the action has a <c>USING</c> expression.</param>
public sealed record TypeChange(string Column, IReadOnlyList<SqlToken> Type, bool Using)
{
    /// <summary>The type change an action makes, or null for any other action.</summary>
    public static TypeChange? Read(IReadOnlyList<SqlToken> action)
    {
        var i = 0;
        if (!LintSql.Skip(action, ref i, "ALTER")) return null;
        LintSql.Skip(action, ref i, "COLUMN");
        if (i >= action.Count || !action[i].IsName) return null;
        var column = action[i].FoldedIdentifier;
        i++;
        LintSql.Skip(action, ref i, "SET", "DATA");
        if (!LintSql.Skip(action, ref i, "TYPE")) return null;
        var end = i;
        var depth = LintSql.OuterDepth(action);
        while (end < action.Count && !(action[end].Depth == depth && (action[end].Is("USING") || action[end].Is("COLLATE")))) end++;
        return new TypeChange(column, action.Skip(i).Take(end - i).ToList(), end < action.Count && action[end].Is("USING"));
    }

    /// <summary>The new type as written, tokens joined without spaces around parentheses (<c>varchar(20)</c>).</summary>
    public string TypeText => string.Concat(Type.Select((t, k) => k > 0 && t.IsName && Type[k - 1].IsName ? " " + t.Text : t.Text)).ToLowerInvariant();
}

using Retort.Sql;

namespace Retort.Operations;

/// <summary>One <c>column = expression</c> of a backfill's SET clause.</summary>
/// <param name="Column">The column assigned, unquoted (a bare name folded to lower case as PostgreSQL folds it).</param>
/// <param name="Expression">The expression assigned, as written.</param>
// Its public properties are read by reflection for a revision's checksum (Runner/PlanFingerprint.cs): kept when trimmed.
[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
public sealed record SetAssignment(string Column, string Expression)
{
    /// <summary>
    /// Splits a SET clause into its assignments at the commas outside parentheses, literals and comments.
    /// Only the plain form is accepted: each item is one column name, <c>=</c>, and an expression (not
    /// <c>DEFAULT</c>, not a <c>(a, b) = (…)</c> list, not an array element or a field of a composite column).
    /// </summary>
    /// <param name="set">The SET clause without the word SET.</param>
    /// <exception cref="RetortException">The clause is not in that form.</exception>
    public static IReadOnlyList<SetAssignment> Parse(string set)
    {
        var items = new List<List<SqlToken>> { new() };
        foreach (var token in SqlLexer.Tokenize(set).SkipTrivia())
        {
            if (token.Depth == 0 && token.IsSymbol(',')) items.Add([]);
            else items[^1].Add(token);
        }
        var result = new List<SetAssignment>();
        foreach (var item in items)
        {
            if (item.Count < 3 || !item[0].IsName || !item[1].IsSymbol('='))
                throw new RetortException($"Cannot read the SET clause '{set}': each item must be 'column = expression' " +
                    "(a column list in parentheses, an array element or a composite field is not supported here).");
            var expression = set[item[2].Start..item[^1].End].Trim();
            if (item.Count == 3 && item[2].Is("DEFAULT"))
                throw new RetortException($"Cannot read the SET clause '{set}': '{item[0].Text} = DEFAULT' is not supported here; write the default's expression.");
            result.Add(new SetAssignment(item[0].FoldedIdentifier, expression));
        }
        var twice = result.GroupBy(a => a.Column, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new RetortException($"Cannot read the SET clause '{set}': column '{twice.Key}' is assigned more than once.");
        return result;
    }
}

using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>
/// A column defined in SQL: an element of <c>CREATE TABLE</c> or the column of <c>ALTER TABLE … ADD [COLUMN]</c>.
/// </summary>
/// <param name="Table">The table the column belongs to.</param>
/// <param name="Column">The column's name, folded.</param>
/// <param name="Type">The type's tokens (<c>varchar ( 10 )</c>, <c>timestamp with time zone</c>).</param>
/// <param name="Constraints">What follows the type: <c>NOT NULL</c>, <c>DEFAULT …</c>, <c>PRIMARY KEY</c>, <c>GENERATED …</c>.</param>
/// <param name="InCreateTable">True for a column of <c>CREATE TABLE</c>, false for one added to an existing table.</param>
public sealed record SqlColumnDefinition(SqlTableName Table, string Column, IReadOnlyList<SqlToken> Type, IReadOnlyList<SqlToken> Constraints, bool InCreateTable)
{
    /// <summary>The type's first word in upper case (<c>VARCHAR</c>, <c>TIMESTAMP</c>), or "" when there is none.</summary>
    public string TypeWord => Type.Count > 0 && Type[0].IsName ? Type[0].Identifier.ToUpperInvariant() : "";

    /// <summary>The type as written, its tokens joined by single spaces (<c>varchar ( 10 )</c>).</summary>
    public string TypeText => string.Join(" ", Type.Select(t => t.Text));

    /// <summary>True when the constraints hold the word <paramref name="keyword"/> outside parentheses.</summary>
    public bool Has(string keyword) => Constraints.Any(t => t.Is(keyword) && t.Depth == Constraints[0].Depth);

    /// <summary>True when the constraints hold <c>NOT NULL</c> (or <c>PRIMARY KEY</c>, which implies it).</summary>
    public bool NotNull => LintSql.IndexOf(Constraints, 0, "NOT", "NULL") >= 0 || LintSql.IndexOf(Constraints, 0, "PRIMARY", "KEY") >= 0;

    /// <summary>The tokens of the <c>DEFAULT</c> expression, or null when there is none.</summary>
    public IReadOnlyList<SqlToken>? Default
    {
        get
        {
            var i = LintSql.IndexOf(Constraints, 0, "DEFAULT");
            if (i < 0) return null;
            var depth = Constraints[i].Depth;
            var end = i + 1;
            while (end < Constraints.Count && !(Constraints[end].Depth == depth && LintSql.ColumnConstraintWords.Contains(Constraints[end].Text.ToUpperInvariant()) && Constraints[end].Kind == SqlTokenKind.Word))
                end++;
            return Constraints.Skip(i + 1).Take(end - i - 1).ToList();
        }
    }
}

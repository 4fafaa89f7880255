using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT034: DROP DATABASE.</summary>
public sealed class DropDatabaseCheck() : RuleCheck(PostgreSqlRules.DropDatabase)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 2;
        if (!LintSql.At(t, 0, "DROP", "DATABASE")) yield break;
        LintSql.Skip(t, ref i, "IF", "EXISTS");
        yield return Found($"drops database {(i < t.Count ? t[i].Identifier : "")}.", null);
    }
}

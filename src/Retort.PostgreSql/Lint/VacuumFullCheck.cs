using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT019: VACUUM FULL.</summary>
public sealed class VacuumFullCheck() : RuleCheck(PostgreSqlRules.VacuumFull)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (!LintSql.Is(t, 0, "VACUUM")) yield break;
        var i = 1;
        bool full;
        if (i < t.Count && t[i].IsSymbol('('))
        {
            var close = LintSql.CloseOf(t, i);
            // "(FULL)", "(FULL true)", "(FULL, ANALYZE)"; "(FULL false)" is not.
            full = LintSql.SplitAtCommas(t, i + 1, close).Any(o => o[0].Is("FULL") && !(o.Count > 1 && (o[1].Is("FALSE") || o[1].Is("OFF") || o[1].Text == "0")));
            i = close + 1;
        }
        else
        {
            full = LintSql.Skip(t, ref i, "FULL");
            while (i < t.Count && (t[i].Is("FREEZE") || t[i].Is("VERBOSE") || t[i].Is("ANALYZE"))) i++;
        }
        if (!full) yield break;
        var table = LintSql.ReadName(t, ref i);
        if (table is not null && !Existing(context, table, statement)) yield break;
        yield return Found($"runs VACUUM FULL on {table?.Display ?? "every table of the database"}, rewriting it under ACCESS EXCLUSIVE.", table?.Display);
    }
}

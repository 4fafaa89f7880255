using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT040 (TRUNCATE) and RT041 (TRUNCATE … CASCADE).</summary>
public sealed class TruncateCheck : RuleCheck
{
    private readonly bool _cascade;

    private TruncateCheck(LintRule rule, bool cascade) : base(rule) => _cascade = cascade;

    /// <summary>RT040.</summary>
    public static TruncateCheck Truncate { get; } = new(PostgreSqlRules.Truncate, false);

    /// <summary>RT041.</summary>
    public static TruncateCheck Cascade { get; } = new(PostgreSqlRules.TruncateCascade, true);

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 1;
        if (!LintSql.Is(t, 0, "TRUNCATE")) yield break;
        LintSql.Skip(t, ref i, "TABLE");
        LintSql.Skip(t, ref i, "ONLY");
        var tables = LintSql.NameList(t, i);
        if (_cascade)
        {
            if (LintSql.Has(t, "CASCADE"))
                yield return Found($"truncates {string.Join(", ", tables)} with CASCADE, also emptying every table that references {(tables.Count == 1 ? "it" : "them")}.", tables.FirstOrDefault()?.Display);
            yield break;
        }
        foreach (var table in tables.Where(x => Existing(context, x, statement)))
            yield return Found($"truncates {table}, deleting every row under ACCESS EXCLUSIVE.", table.Display);
    }
}

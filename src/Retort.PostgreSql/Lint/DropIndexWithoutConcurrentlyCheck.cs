using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.PostgreSql.Internal;

using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT012: an index dropped without CONCURRENTLY.</summary>
public sealed class DropIndexWithoutConcurrentlyCheck() : RuleCheck(PostgreSqlRules.DropIndexWithoutConcurrently)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is DropIndexOperation { Concurrently: false } d && PgSql.RunsPlain(d) && Existing(context, d.Schema, d.TableName)
            && !PgSql.IndexCreatedEarlier(context, EarlierStatements(context, null), d.Name))
            yield return Found($"drops index {d.Name} without CONCURRENTLY, locking {Display(d.Schema, d.TableName)} ACCESS EXCLUSIVE.", Display(d.Schema, d.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 2;
        if (!LintSql.At(t, 0, "DROP", "INDEX") || LintSql.Is(t, 2, "CONCURRENTLY")) yield break;
        LintSql.Skip(t, ref i, "IF", "EXISTS");
        var earlier = EarlierStatements(context, statement).ToList();
        foreach (var index in LintSql.NameList(t, i))
            if (!PgSql.IndexCreatedEarlier(context, earlier, index.Name))
                yield return Found($"drops index {index} without CONCURRENTLY, locking its table ACCESS EXCLUSIVE.", null);
    }
}

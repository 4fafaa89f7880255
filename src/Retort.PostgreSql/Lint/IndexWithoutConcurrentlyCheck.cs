using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.PostgreSql.Internal;

using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT011: an index built without CONCURRENTLY on a table that existed before the plan.</summary>
public sealed class IndexWithoutConcurrentlyCheck() : RuleCheck(PostgreSqlRules.IndexWithoutConcurrently)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is CreateIndexOperation { Concurrently: false } c && PgSql.RunsPlain(c) && Existing(context, c.Schema, c.TableName))
            yield return Found($"builds index {c.Index.Name} on {Display(c.Schema, c.TableName)} without CONCURRENTLY: writes to {Display(c.Schema, c.TableName)} wait for the whole build.", Display(c.Schema, c.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (PgSql.CreateIndex(statement) is { Concurrently: false } index && Existing(context, index.Table, statement))
            yield return Found($"builds index {index.Name ?? "(unnamed)"} on {index.Table} without CONCURRENTLY: writes to {index.Table} wait for the whole build.", index.Table.Display);
    }
}

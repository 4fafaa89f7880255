using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.PostgreSql.Internal;

using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT036: an index on more than three columns.</summary>
public sealed class IndexOnManyColumnsCheck() : RuleCheck(PostgreSqlRules.IndexOnManyColumns)
{
    private const int Limit = 3;

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is CreateIndexOperation c && c.Index.Columns.Count > Limit)
            yield return Found($"indexes {c.Index.Columns.Count} columns of {Display(c.Schema, c.TableName)} in {c.Index.Name}.", Display(c.Schema, c.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (PgSql.CreateIndex(statement) is { } index && index.Columns.Count > Limit)
            yield return Found($"indexes {index.Columns.Count} columns of {index.Table} in {index.Name ?? "an unnamed index"}.", index.Table.Display);
    }
}

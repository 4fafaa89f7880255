using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite.Lint;

/// <summary>RT047: an operation SQLite's generator compiles to a rebuild of an existing table.</summary>
public sealed class TableRebuildCheck() : RuleCheck(SqliteRules.TableRebuild)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is not TableOperation t || !Existing(context, t.Schema, t.TableName) || !RebuildPlanner.NeedsRebuild(operation, null)) yield break;
        var table = Display(t.Schema, t.TableName);
        yield return operation is DropColumnOperation d
            ? Found($"drops column {d.ColumnName} of {table}, which rebuilds {table} (copying every row) if an index, key or check names the column.", table)
            : Found($"{operation.Describe()}: SQLite cannot do it in place, so {table} is rebuilt, copying every row while other writers wait.", table);
    }
}

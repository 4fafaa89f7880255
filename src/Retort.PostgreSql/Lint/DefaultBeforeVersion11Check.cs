using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT017: a column added with a default to an existing table on PostgreSQL 10 or older.</summary>
public sealed class DefaultBeforeVersion11Check() : RuleCheck(PostgreSqlRules.DefaultBeforeVersion11)
{
    private bool Applies(LintContext context) => context.ServerVersion is { } v && v < Rule.GoneInVersion!;

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (Applies(context) && operation is AddColumnOperation { Column.Default: not null } a && Existing(context, a.Schema, a.TableName))
            yield return Found($"adds column {a.Column.Name} to {Display(a.Schema, a.TableName)} with a default on PostgreSQL {context.ServerVersion}: every row is rewritten under ACCESS EXCLUSIVE.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (!Applies(context)) yield break;
        foreach (var c in LintSql.ColumnDefinitions(statement))
            if (!c.InCreateTable && c.Default is not null && Existing(context, c.Table, statement))
                yield return Found($"adds column {c.Column} to {c.Table} with a default on PostgreSQL {context.ServerVersion}: every row is rewritten under ACCESS EXCLUSIVE.", c.Table.Display);
    }
}

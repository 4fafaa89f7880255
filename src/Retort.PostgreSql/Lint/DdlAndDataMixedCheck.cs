using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT038: a data change after a schema change of an existing table, in the same transaction.</summary>
public sealed class DdlAndDataMixedCheck() : RuleCheck(PostgreSqlRules.DdlAndDataMixed)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is BackfillOperation { Atomic: true } b && context.InTransaction && Existing(context, b.Schema, b.TableName) && LockingDdlBefore(context, null) is { } ddl)
            yield return Found($"updates {Display(b.Schema, b.TableName)} in the transaction that changed the schema of {ddl}, which stays locked until it commits.", Display(b.Schema, b.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (!InTransaction(statement, context)) yield break;
        // UPDATE and DELETE may touch many rows; an INSERT only when it copies rows with a SELECT (VALUES adds a few).
        var target = LintSql.DataChange(statement)?.Table ?? InsertTarget(statement);
        if (target is null || !Existing(context, target, statement)) yield break;
        if (LockingDdlBefore(context, statement) is { } ddl)
            yield return Found($"changes data of {target} in the transaction that changed the schema of {ddl}, which stays locked until it commits.", target.Display);
    }

    private static SqlTableName? InsertTarget(LintStatement statement)
    {
        var t = statement.Tokens;
        var i = 2;
        return LintSql.At(t, 0, "INSERT", "INTO") && LintSql.Has(t, "SELECT") ? LintSql.ReadName(t, ref i) : null;
    }

    // The first existing table an earlier step of the same transaction changed with lock-taking DDL.
    private static string? LockingDdlBefore(LintContext context, LintStatement? current)
    {
        foreach (var op in EarlierOperations(context))
            if (op is TableOperation table && !(op is CreateIndexOperation { Concurrently: true } or DropIndexOperation { Concurrently: true })
                && Existing(context, table.Schema, table.TableName))
                return Display(table.Schema, table.TableName);
        foreach (var s in EarlierStatements(context, current))
            if (!s.OutsideTransaction && PgSql.LockedTable(s) is { } locked && Existing(context, locked, current))
                return locked.Display;
        return null;
    }
}

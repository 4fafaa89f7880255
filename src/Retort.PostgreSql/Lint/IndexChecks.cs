using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.PostgreSql.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT011: an index built without CONCURRENTLY on a table that existed before the plan.</summary>
public sealed class IndexWithoutConcurrentlyCheck() : RuleCheck(PostgreSqlRules.IndexWithoutConcurrently)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is CreateIndexOperation { Concurrently: false } c && Existing(context, c.Schema, c.TableName))
            yield return Found($"builds index {c.Index.Name} on {Display(c.Schema, c.TableName)} without CONCURRENTLY: writes to {Display(c.Schema, c.TableName)} wait for the whole build.", Display(c.Schema, c.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (PgSql.CreateIndex(statement) is { Concurrently: false } index && Existing(context, index.Table, statement))
            yield return Found($"builds index {index.Name ?? "(unnamed)"} on {index.Table} without CONCURRENTLY: writes to {index.Table} wait for the whole build.", index.Table.Display);
    }
}

/// <summary>RT012: an index dropped without CONCURRENTLY.</summary>
public sealed class DropIndexWithoutConcurrentlyCheck() : RuleCheck(PostgreSqlRules.DropIndexWithoutConcurrently)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is DropIndexOperation { Concurrently: false } d && Existing(context, d.Schema, d.TableName)
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

/// <summary>RT013: REINDEX without CONCURRENTLY.</summary>
public sealed class ReindexWithoutConcurrentlyCheck() : RuleCheck(PostgreSqlRules.ReindexWithoutConcurrently)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (!LintSql.Is(t, 0, "REINDEX") || t.Any(x => x.Is("CONCURRENTLY"))) yield break;
        var i = 1;
        if (i < t.Count && t[i].IsSymbol('(')) i = LintSql.CloseOf(t, i) + 1;
        var kind = i < t.Count ? t[i].Text.ToUpperInvariant() : "";
        i++;
        var name = LintSql.ReadName(t, ref i);
        if (kind == "TABLE" && name is not null && !Existing(context, name, statement)) yield break;
        if (kind == "INDEX" && name is not null && PgSql.IndexCreatedEarlier(context, EarlierStatements(context, statement), name.Name)) yield break;
        yield return Found($"rebuilds {kind} {name?.Display} without CONCURRENTLY, blocking writes to the table while it runs.", kind == "TABLE" ? name?.Display : null);
    }
}

/// <summary>RT014: a statement PostgreSQL runs only outside a transaction, inside the revision's transaction.</summary>
public sealed class OutsideTransactionOnlyCheck() : RuleCheck(PostgreSqlRules.OutsideTransactionOnly)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (InTransaction(statement, context) && StatementClassifier.OutsideTransactionOnly(statement.Text) is { } command)
            yield return Found($"runs {command} inside the revision's transaction, where PostgreSQL refuses it.", null);
    }
}

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

using Retort.Operations;
using Retort.Sql;

namespace Retort.Migrations;

public sealed partial class Op
{
    // True for the Op a block of OutsideTransaction hands to its body.
    private bool _outside;

    /// <summary>
    /// A block of statements that run outside the revision's transaction (Alembic's <c>autocommit_block</c>):
    /// <c>op.OutsideTransaction(o =&gt; o.Execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users (email)"))</c>.
    /// The revision's work before the block commits first; then each statement runs on its own and is recorded as done
    /// in the progress table, so a rerun after a crash resumes after the last statement recorded (write each so that
    /// running it again completes it: <c>IF NOT EXISTS</c>, <c>IF EXISTS</c>). The work after the block runs in a new
    /// transaction with the version row. <c>op.Execute</c> text holding several statements becomes one step per
    /// statement. Besides <c>op.Execute</c> the block takes only steps that run outside a transaction anyway
    /// (concurrent index builds and drops, new enum labels). An offline script closes its transaction around each
    /// statement (<c>COMMIT;</c> … <c>BEGIN;</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The block holds another kind of operation.</exception>
    public void OutsideTransaction(Action<Op> body)
    {
        var block = new Op(DefaultSchema) { _outside = true };
        body(block);
        foreach (var operation in block.Plan)
        {
            if (operation is not (ExecuteSqlOperation { OutsideTransaction: true } or CreateIndexOperation { Concurrently: true }
                or DropIndexOperation { Concurrently: true } or AddEnumValueOperation))
                throw new ArgumentException($"'{operation.Describe()}' cannot go in an OutsideTransaction block: the block holds op.Execute statements " +
                    "and steps that run outside a transaction anyway (CreateIndex or DropIndex with concurrently: true, AddEnumValue). " +
                    "Put the other operations before or after the block.");
            Add(operation);
        }
    }

    private void AddOutside(string sql, IReadOnlyDictionary<string, object?> parameters, string? reverseSql)
    {
        // One step per statement: each is recorded as done on its own, and PostgreSQL runs several statements sent
        // together in one implicit transaction, which is what the block avoids.
        var statements = parameters.Count == 0 ? SqlSplitter.Split(sql) : [sql];
        if (statements.Count > 1 && reverseSql is not null)
            throw new ArgumentException("An op.Execute outside the transaction with reverseSql must hold one statement: " +
                "each statement runs and is recorded on its own, so give each its own op.Execute and reverseSql.");
        foreach (var statement in statements.Count == 0 ? [sql] : statements)
            Add(new ExecuteSqlOperation(statement) { Parameters = parameters, ReverseSql = reverseSql, OutsideTransaction = true });
    }
}

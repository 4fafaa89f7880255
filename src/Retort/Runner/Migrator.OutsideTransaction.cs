using Retort.Environments;
using Retort.Migrations;
using Retort.Operations;
using Retort.Sql;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>
    /// Refuses, before anything runs, raw SQL that the database runs only outside a transaction (PostgreSQL
    /// <c>CREATE INDEX CONCURRENTLY</c>, SQLite <c>VACUUM</c>) written where the revision would run it inside its
    /// own: the error names the revision and says how to mark the statement, instead of the database's bare refusal
    /// halfway through the run.
    /// </summary>
    private void CheckNonTransactional(Revision revision, IReadOnlyList<MigrationOperation> plan, bool up)
    {
        foreach (var operation in plan)
        {
            if (operation is not ExecuteSqlOperation { OutsideTransaction: false } execute) continue;
            var statements = execute.Parameters.Count == 0 ? SqlSplitter.Split(execute.Sql) : [execute.Sql];
            foreach (var statement in statements)
            {
                if (_database.Dialect.Transactions.WhyNotInTransaction(statement) is not { } why) continue;
                var text = SqlRevisionFile.OneLine(statement);
                text = text.Length > 80 ? text[..77] + "..." : text;
                var how = revision.Script is SqlMigrationScript
                    ? $"Put a '{SqlRevisionFile.Marker}{SqlNoTransactionDirective.Name}' line right before the statement in the {(up ? "upgrade" : "downgrade")} section"
                    : "Run it in a block outside the transaction: op.OutsideTransaction(o => o.Execute(\"...\")), or op.Execute(\"...\", outsideTransaction: true)";
                throw new RetortException($"Revision {revision.Id} ({revision.Script.Source}) would run \"{text}\" inside its {(up ? "upgrade" : "downgrade")} " +
                    $"transaction, but {why}. {how}: the revision's work before it then commits, the statement runs on its own and is recorded as done, " +
                    "so a rerun after a crash resumes after it (write it so that running it again completes it, for example with IF NOT EXISTS). Nothing was run.");
            }
        }
    }
}

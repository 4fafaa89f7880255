using Retort.Specification;
using Retort.Specification.Runner;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The rollback specification on SQLite files.</summary>
[KnownDefect(nameof(A_commit_refused_by_a_deferred_constraint_names_the_revision_and_keeps_the_ones_before),
    "SQLite checks a deferred foreign key only at COMMIT, and the runner shares one transaction across revisions on SQLite (a savepoint each): " +
    "the violation surfaces at the batch's commit as a raw SqliteException that names no revision, and the revisions before the failing one are rolled back with it.")]
public sealed class SqliteRollbackTests : RollbackSpecification<SqliteDatabaseFactory>
{
    protected override string MissingTableMessage(string table) => $"no such table: {table}";

    protected override string DeferredForeignKeyMessage(string table) => "FOREIGN KEY constraint failed";
}

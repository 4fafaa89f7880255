using Retort.Specification;
using Retort.Specification.Runner;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The rollback specification on SQLite files.</summary>
public sealed class SqliteRollbackTests : RollbackSpecification<SqliteDatabaseFactory>
{
    protected override string MissingTableMessage(string table) => $"no such table: {table}";

    protected override string DeferredForeignKeyMessage(string table) => "FOREIGN KEY constraint failed";
}

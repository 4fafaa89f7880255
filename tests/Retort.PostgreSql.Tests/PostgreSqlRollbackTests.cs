using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>The rollback specification on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlRollbackTests : RollbackSpecification<PostgreSqlDatabaseFactory>
{
    protected override string MissingTableMessage(string table) => $"relation \"{table}\" does not exist";

    protected override string DeferredForeignKeyMessage(string table) => $"insert or update on table \"{table}\" violates foreign key constraint";
}

using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Data;

namespace Retort.PostgreSql.Tests;

/// <summary>The data migration specification on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlDataMigrationBehaviourTests : DataMigrationSpecification<PostgreSqlDatabaseFactory>;

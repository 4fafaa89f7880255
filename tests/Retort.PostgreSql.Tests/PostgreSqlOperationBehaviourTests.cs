using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Operations;

namespace Retort.PostgreSql.Tests;

/// <summary>The operation specification on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlOperationBehaviourTests : OperationSpecification<PostgreSqlDatabaseFactory>;

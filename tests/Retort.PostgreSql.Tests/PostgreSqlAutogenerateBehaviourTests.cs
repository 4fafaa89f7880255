using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Autogenerate;

namespace Retort.PostgreSql.Tests;

/// <summary>The autogenerate specification on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlAutogenerateBehaviourTests : AutogenerateSpecification<PostgreSqlDatabaseFactory>;

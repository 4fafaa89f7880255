using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Data;

namespace Retort.PostgreSql.Tests;

/// <summary>The specification of partly applied revisions, on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlPartialRevisionBehaviourTests : PartialRevisionSpecification<PostgreSqlDatabaseFactory>;

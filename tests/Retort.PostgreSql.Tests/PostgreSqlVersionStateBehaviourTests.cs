using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>The version-table and edited-revision specification on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlVersionStateBehaviourTests : VersionStateSpecification<PostgreSqlDatabaseFactory>;

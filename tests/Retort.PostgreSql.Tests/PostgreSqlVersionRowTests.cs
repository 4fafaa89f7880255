using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>The version-row specification on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlVersionRowTests : VersionRowSpecification<PostgreSqlDatabaseFactory>;

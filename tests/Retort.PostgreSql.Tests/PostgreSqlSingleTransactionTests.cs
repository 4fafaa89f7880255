using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>The single-transaction specification on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlSingleTransactionTests : SingleTransactionSpecification<PostgreSqlDatabaseFactory>;

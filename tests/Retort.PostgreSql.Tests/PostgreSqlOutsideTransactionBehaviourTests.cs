using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>The specification of statements outside the revision's transaction, on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlOutsideTransactionBehaviourTests : OutsideTransactionSpecification<PostgreSqlDatabaseFactory>;

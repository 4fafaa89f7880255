using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>The history and checksum specification on PostgreSQL, one fresh database per test.</summary>
public sealed class PostgreSqlHistoryTests : HistorySpecification<PostgreSqlDatabaseFactory>;

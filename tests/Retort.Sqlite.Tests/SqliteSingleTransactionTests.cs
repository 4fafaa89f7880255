using Retort.Sqlite.Tests.Support;
using Retort.Specification.Runner;

namespace Retort.Sqlite.Tests;

/// <summary>The single-transaction specification on SQLite files.</summary>
public sealed class SqliteSingleTransactionTests : SingleTransactionSpecification<SqliteDatabaseFactory>;

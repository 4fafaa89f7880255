using Retort.Specification.Runner;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The specification of statements outside the revision's transaction, on SQLite files.</summary>
public sealed class SqliteOutsideTransactionBehaviourTests : OutsideTransactionSpecification<SqliteDatabaseFactory>;

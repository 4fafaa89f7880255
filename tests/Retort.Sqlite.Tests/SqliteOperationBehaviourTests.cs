using Retort.Specification.Operations;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The operation specification on SQLite files.</summary>
public sealed class SqliteOperationBehaviourTests : OperationSpecification<SqliteDatabaseFactory>;

using Retort.Specification.Autogenerate;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The autogenerate specification on SQLite files.</summary>
public sealed class SqliteAutogenerateBehaviourTests : AutogenerateSpecification<SqliteDatabaseFactory>;

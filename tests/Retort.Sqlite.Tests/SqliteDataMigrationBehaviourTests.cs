using Retort.Specification.Data;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The data migration specification on SQLite files.</summary>
public sealed class SqliteDataMigrationBehaviourTests : DataMigrationSpecification<SqliteDatabaseFactory>;

using Retort.Specification.Runner;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The version-table and edited-revision specification on SQLite files.</summary>
public sealed class SqliteVersionStateBehaviourTests : VersionStateSpecification<SqliteDatabaseFactory>;

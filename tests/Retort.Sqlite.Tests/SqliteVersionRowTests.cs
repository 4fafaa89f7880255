using Retort.Sqlite.Tests.Support;
using Retort.Specification.Runner;

namespace Retort.Sqlite.Tests;

/// <summary>The version-row specification on SQLite files.</summary>
public sealed class SqliteVersionRowTests : VersionRowSpecification<SqliteDatabaseFactory>;

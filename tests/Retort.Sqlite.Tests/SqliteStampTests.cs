using Retort.Sqlite.Tests.Support;
using Retort.Specification.Runner;

namespace Retort.Sqlite.Tests;

/// <summary>The stamp specification on SQLite files.</summary>
public sealed class SqliteStampTests : StampSpecification<SqliteDatabaseFactory>;

using Retort.Sqlite.Tests.Support;
using Retort.Specification.Runner;

namespace Retort.Sqlite.Tests;

/// <summary>The history and checksum specification on SQLite files.</summary>
public sealed class SqliteHistoryTests : HistorySpecification<SqliteDatabaseFactory>;

using Retort.Specification.Data;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The kill-and-resume specification on SQLite files.</summary>
public sealed class SqliteKillResumeTests : KillResumeSpecification<SqliteDatabaseFactory>;

using Retort.Specification.Data;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The specification of partly applied revisions, on SQLite files.</summary>
public sealed class SqlitePartialRevisionBehaviourTests : PartialRevisionSpecification<SqliteDatabaseFactory>;

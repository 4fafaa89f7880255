using Retort.Dialects;
using Retort.Sqlite;

[assembly: RetortDialect(typeof(SqliteDialect), "sqlite")]

using Retort.Dialects;
using Retort.Sqlite;

[assembly: RetortDialect(typeof(SqliteDialect), "sqlite", ExampleUrl = "sqlite:///app.db", Embedded = true)]

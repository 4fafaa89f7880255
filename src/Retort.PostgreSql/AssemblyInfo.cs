using Retort.Dialects;
using Retort.PostgreSql;

[assembly: RetortDialect(typeof(PostgreSqlDialect), "postgresql", "postgres")]

using Retort.Dialects;
using Retort.PostgreSql;

[assembly: RetortDialect(typeof(PostgreSqlDialect), "postgresql", "postgres", ExampleUrl = "postgresql://app@localhost/app")]

using Npgsql;
using Retort.Specification.Support;
using Retort.Connections;
using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;

namespace Retort.PostgreSql.Tests;

public class UrlTests
{
    private readonly PostgreSqlDialect _dialect = new();

    private NpgsqlConnectionStringBuilder Parse(string url) => new(DialectAccess.ConnectionString(_dialect, url));

    [Fact]
    public void Url_parts_become_Npgsql_keys()
    {
        var b = Parse("postgresql://app:s3cr%40t@db.example.com:6432/shop?sslmode=require&application_name=deploy");
        Assert.Equal("app", b.Username);
        Assert.Equal("s3cr@t", b.Password);
        Assert.Equal("db.example.com", b.Host);
        Assert.Equal(6432, b.Port);
        Assert.Equal("shop", b.Database);
        Assert.Equal(SslMode.Require, b.SslMode);
        Assert.Equal("deploy", b.ApplicationName);
    }

    [Fact]
    public void Timeouts_in_the_url_are_session_settings()
    {
        var b = Parse("postgres://app@localhost/shop?lock_timeout=2s&statement_timeout=1min");
        Assert.Equal("-c lock_timeout=2s -c statement_timeout=1min", b.Options);
    }

    [Fact]
    public void A_bad_timeout_or_key_is_a_clear_error_without_the_password()
    {
        var e = Assert.Throws<RetortException>(() => Parse("postgresql://app:hunter2@localhost/shop?lock_timeout=soon"));
        Assert.Contains("lock_timeout", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
        var e2 = Assert.Throws<RetortException>(() => Parse("postgresql://app:hunter2@localhost/shop?frobnicate=1"));
        Assert.Contains("frobnicate", e2.Message);
        Assert.DoesNotContain("hunter2", e2.Message);
    }

    [Fact]
    public void Both_schemes_find_the_dialect_and_passwords_are_redacted()
    {
        using var a = Database.Open("postgresql://app:hunter2@localhost/shop");
        using var b = Database.Open("postgres://app:hunter2@localhost/shop");
        Assert.IsType<PostgreSqlDialect>(a.Dialect);
        Assert.IsType<PostgreSqlDialect>(b.Dialect);
        Assert.DoesNotContain("hunter2", a.DisplayName);
        Assert.DoesNotContain("hunter2", DialectAccess.Redact(_dialect, "Host=x;Password=hunter2;Username=app"));
        Assert.DoesNotContain("hunter2", DialectAccess.Redact(_dialect, "failed for postgresql://app:hunter2@x/db"));
        using var c = Database.Open("Host=localhost;Username=app;Password=hunter2;Database=shop", "postgresql");
        Assert.DoesNotContain("hunter2", c.DisplayName);
    }

    [Fact]
    public async Task An_unreachable_server_is_an_error_without_the_password()
    {
        using var db = Database.Open("postgresql://app:hunter2@127.0.0.1:1/shop?connect_timeout=2");
        var e = await Assert.ThrowsAsync<RetortException>(() => db.OpenConnectionAsync());
        Assert.DoesNotContain("hunter2", e.Message);
        Assert.DoesNotContain("hunter2", e.ToString());
    }

    [PgFact]
    public async Task Logs_never_hold_the_password_in_any_url_form()
    {
        const string secret = "hunter2-logged";
        await using var pg = await PgDatabase.CreateAsync();
        var b = new NpgsqlConnectionStringBuilder(pg.ConnectionString);
        var log = new ListLogger();
        var revisions = new RevisionSet([
            new Revision(RevisionInfo.Create("r1", null, "table"), new InlineScript(op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true)))),
            new Revision(RevisionInfo.Create("r2", "r1", "fails"), new InlineScript(op => op.Execute("INSERT INTO missing_table VALUES (1)"))),
        ]);
        foreach (var url in new[]
        {
            $"postgresql://{b.Username}:{secret}@{b.Host}:{b.Port}/{b.Database}",
            $"postgresql://{b.Username}@{b.Host}:{b.Port}/{b.Database}?password={secret}&lock_timeout=2s",
            $"Dialect=postgresql;Host={b.Host};Port={b.Port};Username={b.Username};Password={secret};Database={b.Database}",
        })
        {
            await using var db = Database.Open(url);
            var migrator = new Migrator(db, revisions, logger: log);
            var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync());
            Assert.DoesNotContain(secret, e.ToString());
            await migrator.DowngradeAsync("base");
        }
        Assert.Contains(log.Messages, m => m.Contains("Running upgrade r1", StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.Contains("CREATE TABLE", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Messages, m => m.Contains(secret, StringComparison.Ordinal));
    }
}

using Retort.Dialects;
using Retort.Runner;
using Microsoft.Data.Sqlite;
using Retort.Connections;
using Retort.Schema;

namespace Retort.Sqlite.Tests;

public class DatabaseUrlTests
{
    [Fact]
    public async Task Absolute_relative_and_memory_urls_open()
    {
        var dir = Path.Combine(Path.GetTempPath(), "retort-url-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            await using (var abs = Database.Open("sqlite:///" + Path.Combine(dir, "abs.db")))
            {
                Assert.StartsWith("/", Path.Combine(dir, "abs.db"));
                await abs.ApplyAsync([new Operations.CreateTableOperation(new Table("t", new Column("id", SqlType.Integer, primaryKey: true)))]);
            }
            Assert.True(File.Exists(Path.Combine(dir, "abs.db")));

            await using var mem = Database.Open("sqlite://");
            await mem.ApplyAsync([new Operations.CreateTableOperation(new Table("t", new Column("id", SqlType.Integer, primaryKey: true)))]);
            Assert.NotNull(await mem.ReflectTableAsync("t"));

            await using var cs = Database.Open($"Dialect=sqlite;Data Source={Path.Combine(dir, "abs.db")}");
            Assert.NotNull(await cs.ReflectTableAsync("t"));
            await using var named = Database.Open($"Data Source={Path.Combine(dir, "abs.db")}", dialect: "sqlite");
            Assert.NotNull(await named.ReflectTableAsync("t"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("mysql://root:hunter2@localhost/app", "No Retort dialect handles 'mysql'")]
    [InlineData("sqlite://user:hunter2@host/x.db", "names a host or user")]
    [InlineData("postgresql://u:hunter2@host:99999/db", "invalid port")]
    [InlineData("Data Source=x.db;Password=hunter2", "neither a database URL")]
    [InlineData("sqlite:///x.db?bogus=1", "unknown parameter 'bogus'")]
    [InlineData("sqlite:///x.db?password=hunter2", "unknown parameter 'password'")]
    [InlineData("sqlite:///x.db?cache=shared&Password=hunter2", "unknown parameter 'Password'")]
    [InlineData("sqlite:///x.db?sslpassword=hunter2&bogus=1", "unknown parameter")]
    [InlineData("nosuchdb://app@host/db?password=hunter2", "No Retort dialect handles 'nosuchdb'")]
    [InlineData("nosuchdb://app@host/db?sslmode=require&ssl%20password=hunter2", "No Retort dialect handles 'nosuchdb'")]
    [InlineData("nosuchdb://app@host/db?PWD=hunter2", "No Retort dialect handles 'nosuchdb'")]
    [InlineData("postgresql://u:hunter2/x@host/db", "invalid port")]
    [InlineData("postgresql://u:x?hunter2@host/db", "malformed query parameter")]
    [InlineData("postgresql://u@host/db?=hunter2", "malformed query parameter")]
    [InlineData("Dialect=nosuch;Data Source=x.db;Password=hunter2", "No Retort dialect handles 'nosuch'")]
    public void Bad_urls_give_clear_errors_without_the_password(string url, string expected)
    {
        var e = Assert.ThrowsAny<RetortException>(() => Database.Open(url));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Fact]
    public void Urls_print_without_password()
    {
        var url = DatabaseUrl.Parse("postgresql://app:s3cret@db.example:5433/prod?sslmode=require");
        Assert.Equal("app", url.User);
        Assert.Equal("s3cret", url.Password);
        Assert.Equal(5433, url.Port);
        Assert.Equal("prod", url.Database);
        Assert.Equal("require", url.Query["sslmode"]);
        Assert.DoesNotContain("s3cret", url.ToString());
    }

    [Theory]
    [InlineData("postgresql://app@db.example/prod?password=s3cret&sslmode=require")]
    [InlineData("postgresql://app@db.example/prod?sslmode=require&Password=s3cret")]
    [InlineData("postgresql://app@db.example/prod?sslpassword=s3cret")]
    [InlineData("postgresql://app@db.example/prod?ssl%20password=s3cret")]
    [InlineData("postgresql://app:s3cret@db.example/prod?pwd=s3cret")]
    public void Secrets_in_the_query_print_as_stars(string text)
    {
        var url = DatabaseUrl.Parse(text);
        Assert.DoesNotContain("s3cret", url.ToString());
        Assert.Contains("***", url.ToString());
        Assert.Contains("db.example/prod", url.ToString());
        Assert.DoesNotContain("s3cret", DatabaseUrl.Redact(text));
        Assert.Contains("db.example", DatabaseUrl.Redact(text));
    }

    [Theory]
    [InlineData("postgresql://u:s3cret/x@host/db")]
    [InlineData("postgresql://u:x?s3cret@host/db")]
    [InlineData("postgresql://u:a@s3cret@host/db")]
    [InlineData("postgresql://u:s3cret@host/db?password=s3cret")]
    public void Redact_hides_a_password_that_holds_characters_it_should_not(string text) =>
        Assert.DoesNotContain("s3cret", DatabaseUrl.Redact(text));

    [Fact]
    public async Task A_connection_string_with_a_password_that_cannot_connect_is_an_error_without_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "retort-no-such-folder-" + Guid.NewGuid().ToString("N")[..8], "x.db");
        await using var db = Database.Open($"Dialect=sqlite;Data Source={missing};Password=hunter2");
        Assert.DoesNotContain("hunter2", db.DisplayName);
        var e = await Assert.ThrowsAsync<RetortException>(() => db.OpenConnectionAsync());
        Assert.Contains("Cannot open the SQLite database", e.Message);
        Assert.DoesNotContain("hunter2", e.ToString());
    }
}

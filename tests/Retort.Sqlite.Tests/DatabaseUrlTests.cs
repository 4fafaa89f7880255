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
}

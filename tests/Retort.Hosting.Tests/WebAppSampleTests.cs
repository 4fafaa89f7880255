using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Retort.Hosting.Tests.Support;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Cli;

namespace Retort.Hosting.Tests;

/// <summary>
/// samples/WebApp started as a test server (WebApplicationFactory): migrate-on-start, the health endpoint and an
/// endpoint reading the migrated table, on SQLite (its default) and on PostgreSQL (by configuration).
/// </summary>
public sealed class WebAppSampleTests
{
    private static WebApplicationFactory<Program> Start(string url) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Retort:Url", url));

    private static async Task AssertServesAsync(WebApplicationFactory<Program> app)
    {
        using var client = app.CreateClient();
        var health = await client.GetAsync("/health");
        var body = await health.Content.ReadAsStringAsync();
        Assert.True(health.StatusCode == HttpStatusCode.OK, body);
        using (var json = JsonDocument.Parse(body))
        {
            Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
            var current = json.RootElement.GetProperty("checks").GetProperty("retort").GetProperty("data").GetProperty("current");
            Assert.Equal("1b2c3d4e5f6a", current[0].GetString());
        }
        var todos = JsonDocument.Parse(await client.GetStringAsync("/todos")).RootElement;
        Assert.Equal(2, todos.GetArrayLength());
        Assert.Equal("Read docs/aspnet-core.md", todos[0].GetProperty("title").GetString());
        Assert.False(todos[0].GetProperty("done").GetBoolean());
        Assert.Equal(0, JsonDocument.Parse(await client.GetStringAsync("/migrations/pending")).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Serves_health_and_the_migrated_table_on_sqlite()
    {
        using var dir = new TempDir();
        var db = dir["webapp.db"];
        await using (var app = Start("sqlite:///" + db)) await AssertServesAsync(app);
        Assert.Equal(2L, SqliteFile.Query(db, "SELECT count(*) FROM retort_history WHERE direction = 'upgrade'")[0][0]);

        // Started again: nothing to migrate, still healthy.
        await using (var again = Start("sqlite:///" + db)) await AssertServesAsync(again);
        Assert.Equal(2L, SqliteFile.Query(db, "SELECT count(*) FROM retort_history WHERE direction = 'upgrade'")[0][0]);
    }

    [PgFact]
    public async Task Serves_health_and_the_migrated_table_on_postgresql()
    {
        await using var db = await PgDatabase.CreateAsync();
        await using var app = Start(db.Url);
        await AssertServesAsync(app);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM retort_history WHERE direction = 'upgrade'"));
    }
}

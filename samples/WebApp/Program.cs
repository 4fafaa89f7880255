using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Retort.Commands;
using Retort.PostgreSql;
using Retort.Sqlite;

// The dialects this app can talk to: SQLite by default (appsettings.json), PostgreSQL when configured
// (Retort__Url=postgresql://app@db/app, or ConnectionStrings + Retort:ConnectionStringName).
SqliteDialect.Register();
PostgreSqlDialect.Register();

var builder = WebApplication.CreateBuilder(args);

// Options from the "Retort" section; the revisions are the [Revision] classes of this assembly (Migrations/).
// Migrate-on-start runs before the server takes requests; instances starting together take turns under the
// migration lock, and each revision is applied once.
builder.Services.AddRetort()
    .UseRevisionsFrom(typeof(Program).Assembly)
    .MigrateOnStart();
builder.Services.AddHealthChecks().AddRetort();

var app = builder.Build();

// Healthy at head; Degraded with revisions pending or a data step in progress; Unhealthy when an applied revision
// was edited or the database cannot be read. The check's data (current, pending, inProgress) is in the body.
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });

// Reads the table the revisions created, on a connection Retort opens for the configured database.
app.MapGet("/todos", async (MigrationCommands retort, CancellationToken ct) =>
{
    await using var database = retort.OpenDatabase();
    await using var connection = await database.OpenConnectionAsync(ct);
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT id, title, done FROM todo ORDER BY id";
    var todos = new List<Todo>();
    await using var reader = await command.ExecuteReaderAsync(ct);
    while (await reader.ReadAsync(ct))
        todos.Add(new Todo(Convert.ToInt32(reader.GetValue(0)), reader.GetString(1), Convert.ToBoolean(reader.GetValue(2))));
    return todos;
});

// Which revisions an upgrade would apply now (empty at head).
app.MapGet("/migrations/pending", async (MigrationCommands retort, CancellationToken ct) =>
    (await retort.GetPendingAsync(cancellationToken: ct)).Select(r => new { r.Id, r.Message }));

app.Run();

static Task WriteHealthAsync(HttpContext context, HealthReport report)
{
    context.Response.ContentType = "application/json";
    return context.Response.WriteAsync(JsonSerializer.Serialize(new
    {
        status = report.Status.ToString(),
        checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
    }));
}

/// <summary>A row of the <c>todo</c> table.</summary>
public sealed record Todo(int Id, string Title, bool Done);

/// <summary>The application's entry point (public so tests can start it with WebApplicationFactory).</summary>
public partial class Program;

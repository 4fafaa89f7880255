using Retort.Specification.Cli;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests.Cli;

/// <summary>A fresh database and a SQL-template environment in a temporary folder; every command gets <c>--url postgresql://…</c>.</summary>
public sealed class PgCliEnvironment : IAsyncDisposable
{
    private readonly TempDir _dir = new();

    private PgCliEnvironment(PgDatabase database) => Database = database;

    /// <summary>The database the commands run against.</summary>
    public PgDatabase Database { get; }

    /// <summary>The environment folder.</summary>
    public string Path { get; private set; } = "";

    /// <summary>The temporary folder holding the environment.</summary>
    public TempDir Folder => _dir;

    /// <summary>Creates the database and runs <c>retort init env --template sql</c>.</summary>
    public static async Task<PgCliEnvironment> CreateAsync()
    {
        var db = await PgDatabase.CreateAsync();
        var env = new PgCliEnvironment(db);
        env.Path = await SqlEnvironment.InitAsync(env._dir);
        return env;
    }

    /// <summary>Adds a SQL revision; returns its id.</summary>
    public Task<string> RevisionAsync(string message, string upgrade, string? downgrade, params string[] extra) =>
        SqlEnvironment.RevisionAsync(Path, message, upgrade, downgrade, extra);

    /// <summary>Runs retort with <c>--url</c> of the database.</summary>
    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Path, ["--url", Database.Url, .. args]);

    /// <summary>Runs retort with <c>--url</c> of the database and asserts success; returns the output.</summary>
    public Task<string> OkAsync(params string[] args) => CliRunner.OkAsync(Path, ["--url", Database.Url, .. args]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        _dir.Dispose();
    }
}

using System.CommandLine;

namespace Retort.Cli.Internal;

/// <summary>Options every command accepts.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "Database URL (sqlite:///app.db) or connection string (Dialect=sqlite;Data Source=app.db). Default: RETORT_URL, then the config file.",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "The environment's config file. Default: retort.json in the current folder or a parent.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "More detail; on errors, the stack trace too.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Url, Config, Verbose];
}

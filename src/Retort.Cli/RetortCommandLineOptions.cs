using System.Reflection;

namespace Retort.Cli;

/// <summary>Where <see cref="RetortCommandLine"/> reads its revisions from and writes its output to.</summary>
public sealed record RetortCommandLineOptions
{
    /// <summary>
    /// The assembly holding the C# revisions, when a migrations environment runs itself; null lets the commands
    /// find the environment's project, build it when stale and load it.
    /// </summary>
    public Assembly? RevisionsAssembly { get; init; }

    /// <summary>Standard output (results, offline scripts); the console when null.</summary>
    public TextWriter? Out { get; init; }

    /// <summary>Standard error (error messages); the console's error stream when null.</summary>
    public TextWriter? Error { get; init; }

    /// <summary>The folder relative paths and the config file search start from; the current directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Called after a successful online <c>upgrade</c>, <c>downgrade</c> or <c>stamp</c> with the database and the
    /// output writer, for example to print the resulting tables.
    /// </summary>
    public Func<Connections.Database, TextWriter, CancellationToken, Task>? AfterChange { get; init; }

    /// <summary>Reads environment variables (<c>RETORT_URL</c>); the process environment when null.</summary>
    public Func<string, string?>? GetEnvironmentVariable { get; init; }
}

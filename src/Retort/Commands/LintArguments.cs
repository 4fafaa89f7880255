namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.LintAsync"/> lints.</summary>
public sealed record LintArguments
{
    /// <summary>The upgrade target (<c>head</c>, <c>heads</c>, an id, <c>+N</c>, <c>label@head</c>).</summary>
    public string Target { get; init; } = "head";

    /// <summary>
    /// Without a database: the revision the plan starts after (null: base, so every revision up to the target). Not
    /// used with <see cref="UseDatabase"/>, where the database's own heads are the start.
    /// </summary>
    public string? From { get; init; }

    /// <summary>
    /// True to read the database (<see cref="CommandConfig.Url"/>): only the revisions an upgrade would run now, with the
    /// server's version and the live table sizes. False lints without any database (the configured URL only names the dialect).
    /// </summary>
    public bool UseDatabase { get; init; }

    /// <summary>Rules allowed for the whole run, as <c>upgrade --allow</c> takes them.</summary>
    public IReadOnlyCollection<string> Allow { get; init; } = [];

    /// <summary>
    /// True to run the pending plan, statement by statement, on a schema-only shadow database and report the locks and
    /// rewrites the server shows beside the rules' claims (PostgreSQL only; needs <see cref="UseDatabase"/>).
    /// </summary>
    public bool Verify { get; init; }

    /// <summary>
    /// With <see cref="Verify"/>: the URL of a shadow database that already holds the target's schema (never the target
    /// itself). Null makes a scratch database from the target's reflected schema and drops it afterwards.
    /// </summary>
    public string? ShadowUrl { get; init; }
}

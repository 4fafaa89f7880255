namespace Retort.Environments;

/// <summary>What <see cref="MigrationsEnvironment.CreateRevision"/> writes (Alembic's <c>revision</c> options).</summary>
public sealed record NewRevisionRequest
{
    /// <summary>The message.</summary>
    public required string Message { get; init; }

    /// <summary>The id; a fresh one when null.</summary>
    public string? RevisionId { get; init; }

    /// <summary>
    /// Where to attach: <c>head</c> (default, needs a single head), <c>base</c> (a new root), a revision, a branch
    /// label or <c>label@head</c>. Several values (a merge) are allowed.
    /// </summary>
    public IReadOnlyList<string> Heads { get; init; } = ["head"];

    /// <summary>Allow a parent that is not a head (starts a new branch).</summary>
    public bool Splice { get; init; }

    /// <summary>Branch labels of the new revision.</summary>
    public IReadOnlyList<string> BranchLabels { get; init; } = [];

    /// <summary>Revisions the new one depends on.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The file's language; null uses the environment's (C# when it has a project).</summary>
    public RevisionFormat? Format { get; init; }

    /// <summary>Statements for the C# <c>Upgrade</c> body (autogenerate), indented for a method; null for an empty body.</summary>
    public string? UpgradeBody { get; init; }

    /// <summary>Statements for the C# <c>Downgrade</c> body.</summary>
    public string? DowngradeBody { get; init; }
}

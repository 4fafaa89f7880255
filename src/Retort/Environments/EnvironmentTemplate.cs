namespace Retort.Environments;

/// <summary>The kind of environment <see cref="EnvironmentScaffolder"/> creates.</summary>
public enum EnvironmentTemplate
{
    /// <summary>A C# project that compiles revision classes (and also reads <c>.sql</c> revisions).</summary>
    CSharp,

    /// <summary>Only <c>.sql</c> revisions; no project, no build.</summary>
    Sql,
}

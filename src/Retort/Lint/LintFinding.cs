namespace Retort.Lint;

/// <summary>One hazard found in one place of a plan.</summary>
/// <param name="Rule">The rule that found it.</param>
/// <param name="Severity">Its severity here (a rule's severity drops to a note on a table known to be empty).</param>
/// <param name="Message">What was found, naming the table and column, as a sentence.</param>
public sealed record LintFinding(LintRule Rule, LintSeverity Severity, string Message)
{
    /// <summary>The revision whose plan holds it.</summary>
    public string? Revision { get; init; }

    /// <summary>Where the revision is defined (class or file), for messages and SARIF.</summary>
    public string? Source { get; init; }

    /// <summary>The operation's position in the revision's upgrade plan, from 0.</summary>
    public int? OperationIndex { get; init; }

    /// <summary>The operation, described (<see cref="Operations.MigrationOperation.Describe"/>).</summary>
    public string? Operation { get; init; }

    /// <summary>The SQL statement, for findings in raw SQL.</summary>
    public string? Statement { get; init; }

    /// <summary>The line in <see cref="Source"/>, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The table it is about, schema-qualified when a schema was named.</summary>
    public string? Table { get; init; }

    /// <summary>What it would cost on the live database (size, rows, time under the lock), when the catalogue was read.</summary>
    public string? Estimate { get; init; }

    /// <summary>The reason it was allowed with, or null when it was not allowed.</summary>
    public string? AllowedReason { get; init; }

    /// <summary>True when the finding was allowed with a reason.</summary>
    public bool IsAllowed => AllowedReason is not null;
}

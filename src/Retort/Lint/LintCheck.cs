using Retort.Operations;

namespace Retort.Lint;

/// <summary>
/// The code of one rule: looks at an operation, or at a SQL statement, and reports what it finds. A dialect lists its
/// checks in <see cref="LintSupport.Checks"/>; a check never touches a database.
/// </summary>
public abstract class LintCheck
{
    /// <summary>The rule this check implements.</summary>
    public abstract LintRule Rule { get; }

    /// <summary>Findings for one operation of a plan (raw SQL operations are also split into statements for <see cref="CheckStatement"/>).</summary>
    public virtual IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context) => [];

    /// <summary>Findings for one SQL statement of a plan.</summary>
    public virtual IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context) => [];

    /// <summary>A finding of this rule at the rule's severity.</summary>
    protected LintFinding Found(string message, string? table = null) => new(Rule, Rule.Severity, message) { Table = table };
}

using Retort.Lint;
using Retort.Operations;

namespace Retort.Runner.Linting.Internal;

/// <summary>One statement of a plan's raw SQL with the allowances written for it in <c>-- retort:allow</c> comments.</summary>
internal sealed class PlanStatement(LintStatement statement)
{
    public LintStatement Statement { get; } = statement;

    public List<LintAllowance> Allowances { get; } = [];
}

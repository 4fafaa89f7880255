using Retort.Operations;
using Retort.Schema;

namespace Retort.Migrations;

public sealed partial class Op
{
    /// <summary>
    /// Allows a lint finding of <paramref name="rule"/> on the operation added just before, with the reason it is
    /// acceptable here: <c>op.CreateIndex(...); op.Allow("RT012", "table is empty at deploy");</c>. <c>upgrade</c>
    /// then runs it and records the rule and the reason in the history table. Call it once per rule.
    /// </summary>
    /// <param name="rule">The rule's id (<c>RT012</c>), as <c>retort lint</c> prints it.</param>
    /// <param name="reason">Why the finding is acceptable here; required.</param>
    /// <returns>This builder, to allow another rule on the same operation.</returns>
    /// <exception cref="RetortException">No operation was added yet, the rule id is malformed or the reason is missing.</exception>
    public Op Allow(string rule, string reason)
    {
        if (_plan.Count == 0)
            throw new RetortException($"op.Allow(\"{rule}\", ...) comes before any operation. Call it right after the operation whose finding it allows.");
        var last = _plan[^1];
        var allowance = LintAllowance.Create(rule, reason, $"op.Allow after '{last.Describe()}'");
        _plan[^1] = last with { Allowances = new ValueList<LintAllowance>((last.Allowances ?? ValueList<LintAllowance>.Empty).Append(allowance)) };
        return this;
    }
}

using Retort.Lint.Rules;

namespace Retort.Lint;

/// <summary>
/// A dialect's lint capability: its rule checks. The base has the rules that hold for every database; a dialect
/// adds its own.
/// </summary>
public partial class LintSupport
{
    /// <summary>The checks of this dialect, each implementing one rule: here the rules of every database (<see cref="CommonChecks"/>).</summary>
    public virtual IReadOnlyList<LintCheck> Checks => CommonChecks.All;

    /// <summary>The rules of <see cref="Checks"/>, in the order they are listed.</summary>
    public IReadOnlyList<LintRule> Rules => Checks.Select(c => c.Rule).Distinct().ToList();
}

namespace Retort.Lint;

/// <summary>
/// A dialect's lint capability: its rule checks. The base has the rules that hold for every database; a dialect
/// adds its own.
/// </summary>
public partial class LintSupport
{
    /// <summary>The checks of this dialect, each implementing one rule.</summary>
    public virtual IReadOnlyList<LintCheck> Checks => [];
}

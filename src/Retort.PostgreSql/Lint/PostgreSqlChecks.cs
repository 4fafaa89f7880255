using Retort.Lint;

namespace Retort.PostgreSql.Lint;

/// <summary>The checks of <see cref="PostgreSqlRules"/>, one per rule, in id order.</summary>
public static class PostgreSqlChecks
{
    /// <summary>Every check.</summary>
    public static IReadOnlyList<LintCheck> All { get; } = PostgreSqlRules.All.Select(r => (LintCheck)new PlaceholderCheck(r)).ToList();

    private sealed class PlaceholderCheck(LintRule rule) : LintCheck
    {
        public override LintRule Rule => rule;
    }
}

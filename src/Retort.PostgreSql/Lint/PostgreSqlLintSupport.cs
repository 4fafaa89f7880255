using Retort.Lint;
using Retort.Lint.Rules;

namespace Retort.PostgreSql.Lint;

/// <summary>PostgreSQL's lint capability: the rules of every database, then <see cref="PostgreSqlRules"/>, in id order.</summary>
public sealed partial class PostgreSqlLintSupport : LintSupport
{
    /// <inheritdoc />
    public override IReadOnlyList<LintCheck> Checks { get; } = [.. CommonChecks.All, .. PostgreSqlChecks.All];
}

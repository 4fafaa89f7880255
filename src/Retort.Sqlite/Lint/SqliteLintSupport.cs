using Retort.Lint;
using Retort.Lint.Rules;

namespace Retort.Sqlite.Lint;

/// <summary>SQLite's lint capability: the rules of every database, then <see cref="SqliteRules"/>, in id order.</summary>
public sealed class SqliteLintSupport : LintSupport
{
    /// <inheritdoc />
    public override IReadOnlyList<LintCheck> Checks { get; } = [.. CommonChecks.All, .. SqliteChecks.All];
}

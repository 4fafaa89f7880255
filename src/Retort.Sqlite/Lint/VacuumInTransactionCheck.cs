using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite.Lint;

/// <summary>RT050: VACUUM inside a transaction.</summary>
public sealed class VacuumInTransactionCheck() : RuleCheck(SqliteRules.VacuumInTransaction)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.Is(statement.Tokens, 0, "VACUUM") && InTransaction(statement, context))
            yield return Found("runs VACUUM inside the revision's transaction, where SQLite refuses it.", null);
    }
}

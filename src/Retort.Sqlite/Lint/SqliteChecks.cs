using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite.Lint;

/// <summary>The checks of <see cref="SqliteRules"/>, one per rule, in id order.</summary>
public static class SqliteChecks
{
    /// <summary>Every check.</summary>
    public static IReadOnlyList<LintCheck> All { get; } =
    [
        new TableRebuildCheck(), PragmaCheck.ForeignKeys, PragmaCheck.OutsideTransactionOnly, new VacuumInTransactionCheck(), new IndexOnExistingTableCheck(),
        PragmaCheck.WritableSchema, new AddColumnRefusedCheck(), new HandWrittenRebuildCheck(),
    ];
}

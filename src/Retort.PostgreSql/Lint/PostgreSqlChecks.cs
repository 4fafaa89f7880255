using Retort.Lint;

namespace Retort.PostgreSql.Lint;

/// <summary>The checks of <see cref="PostgreSqlRules"/>, one per rule, in id order.</summary>
public static class PostgreSqlChecks
{
    /// <summary>Every check.</summary>
    public static IReadOnlyList<LintCheck> All { get; } =
    [
        new IndexWithoutConcurrentlyCheck(), new DropIndexWithoutConcurrentlyCheck(), new ReindexWithoutConcurrentlyCheck(), new OutsideTransactionOnlyCheck(),
        new TypeChangeRewriteCheck(), new VolatileDefaultCheck(), new DefaultBeforeVersion11Check(), TableCopyActionCheck.SetTablespace, new VacuumFullCheck(),
        new ClusterCheck(), AddConstraintCheck.Check, AddConstraintCheck.ForeignKey, new SetNotNullCheck(), AddConstraintCheck.Unique, AddConstraintCheck.PrimaryKey,
        new ValidateInSameTransactionCheck(), ColumnTypeCheck.Serial, new AddSerialOrStoredColumnCheck(), new IntegerPrimaryKeyCheck(), ColumnTypeCheck.Timestamp,
        ColumnTypeCheck.Json, ColumnTypeCheck.Char, ColumnTypeCheck.Varchar, new DropDatabaseCheck(), new EnumValueInTransactionCheck(), new IndexOnManyColumnsCheck(),
        new EnumRemovalCheck(), new DdlAndDataMixedCheck(), new NoLockTimeoutCheck(), TruncateCheck.Truncate, TruncateCheck.Cascade, TableCopyActionCheck.SetLogged,
        new RefreshWithoutConcurrentlyCheck(), new LockTableCheck(), AddConstraintCheck.Exclude, new DomainConstraintCheck(),
        new NotRerunnableCheck(),
    ];
}

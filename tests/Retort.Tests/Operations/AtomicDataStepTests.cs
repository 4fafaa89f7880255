using Retort.Environments;
using Retort.Migrations;
using Retort.Operations;

namespace Retort.Tests.Operations;

/// <summary>
/// The all-or-nothing option of a data step, from C# (<c>atomic: true</c>) and from a SQL revision
/// (<c>-- retort:batched atomic</c>), and its one refusal: a copy and swap cannot run in one transaction.
/// </summary>
public sealed class AtomicDataStepTests
{
    private static BackfillOperation Parse(string directive) =>
        SqlBackfillDirective.TryParse(directive + "\nUPDATE items SET a = 1 WHERE a IS NULL", "r1.sql")!;

    [Fact]
    public void Atomic_is_set_from_csharp_and_from_the_sql_directive()
    {
        var op = new Op();
        Assert.True(op.Backfill("items", "a = 1", atomic: true).Atomic);
        Assert.False(op.Backfill("items", "a = 1").Atomic);
        Assert.True(op.Transform<object, string>("items", "copy", o => o.ToString(), atomic: true).Atomic);
        Assert.True(Parse("-- retort:batched ATOMIC batch-size=10").Atomic);
        Assert.False(Parse("-- retort:batched batch-size=10").Atomic);
    }

    [Fact]
    public void Atomic_with_copy_and_swap_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Op().Backfill("items", "a = 1", strategy: BackfillStrategy.CopyAndSwap, atomic: true));
        Assert.Contains("atomic", e.Message);
        var sql = Assert.Throws<RetortException>(() => Parse("-- retort:batched atomic strategy=copy-and-swap"));
        Assert.Contains("r1.sql", sql.Message);
        Assert.Contains("do not go together", sql.Message);
        var value = Assert.Throws<RetortException>(() => Parse("-- retort:batched atomic=yes"));
        Assert.Contains("unknown '-- retort:batched' option 'atomic=yes'", value.Message);
    }
}

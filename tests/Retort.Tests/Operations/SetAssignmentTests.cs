using Retort.Operations;

namespace Retort.Tests.Operations;

/// <summary>
/// A backfill's SET clause taken apart into its assignments, as a copy-and-swap backfill needs it: split at the
/// commas outside parentheses, strings and comments, names folded as PostgreSQL folds them, other forms refused.
/// </summary>
public sealed class SetAssignmentTests
{
    [Fact]
    public void Items_split_at_top_level_commas_only()
    {
        var items = SetAssignment.Parse("a = coalesce(b, 'x, y'), \"Mixed Case\" = $$1,2$$ || ',' -- note, here\n, Total = round(x, 2)");
        Assert.Equal(
        [
            new SetAssignment("a", "coalesce(b, 'x, y')"),
            new SetAssignment("Mixed Case", "$$1,2$$ || ','"),
            new SetAssignment("total", "round(x, 2)"),
        ], items);
    }

    [Theory]
    [InlineData("(a, b) = (1, 2)", "each item must be 'column = expression'")]
    [InlineData("a[1] = 2", "each item must be 'column = expression'")]
    [InlineData("a.f = 2", "each item must be 'column = expression'")]
    [InlineData("a =", "each item must be 'column = expression'")]
    [InlineData("a = 1,", "each item must be 'column = expression'")]
    [InlineData("a = DEFAULT", "'a = DEFAULT' is not supported")]
    [InlineData("a = 1, A = 2", "column 'a' is assigned more than once")]
    public void Other_forms_are_refused_with_the_reason(string set, string expected)
    {
        var e = Assert.Throws<RetortException>(() => SetAssignment.Parse(set));
        Assert.Contains(expected, e.Message);
    }
}

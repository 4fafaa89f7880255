using Retort.Environments;
using Retort.Migrations;
using Retort.Operations;
using Retort.Schema.Types;

namespace Retort.Tests.Environments;

/// <summary>A '-- retort:online' line makes the ALTER TABLE after it an online operation; what it cannot read is refused, naming the file.</summary>
public sealed class SqlOnlineDirectiveTests
{
    private static MigrationOperation Parse(string sql) => SqlOnlineDirective.TryParse(sql, "r.sql") ?? throw new InvalidOperationException("no directive");

    [Fact]
    public void Each_form_becomes_its_online_operation()
    {
        Assert.Equal(new OnlineRenameColumnOperation("accounts", "amount", "balance"), Parse("-- retort:online\nALTER TABLE accounts RENAME COLUMN amount TO balance;"));
        Assert.Equal(new OnlineRenameColumnOperation("accounts", "Amount", "balance", "app"), Parse("-- retort:online\nALTER TABLE app.accounts RENAME \"Amount\" TO balance"));
        Assert.Equal(new OnlineRenameTableOperation("accounts", "ledger"), Parse("-- retort:online\nALTER TABLE accounts RENAME TO ledger;"));
        Assert.Equal(new OnlineAlterColumnTypeOperation("accounts", "amount", new CustomType("numeric(12, 2)")) { Up = "amount / 100.0", Down = "(amount * 100)::integer" },
            Parse("-- retort:online\n-- retort:online down=(amount * 100)::integer\nALTER TABLE accounts ALTER COLUMN amount SET DATA TYPE numeric(12, 2) USING amount / 100.0;"));
        Assert.Equal(new OnlineSetNotNullOperation("people", "email", "'unknown'"), Parse("-- retort:online backfill='unknown'\nALTER TABLE people ALTER email SET NOT NULL;"));
        Assert.Equal(new OnlineDropColumnOperation("people", "nick") { Down = "''" }, Parse("-- retort:online down=''\nALTER TABLE people DROP COLUMN nick;"));
        Assert.Null(SqlOnlineDirective.TryParse("ALTER TABLE people DROP COLUMN nick;", "r.sql"));
    }

    [Theory]
    [InlineData("-- retort:online\nALTER TABLE people ADD COLUMN age integer;", "this ALTER TABLE action has no online form")]
    [InlineData("-- retort:online\nALTER TABLE people ALTER COLUMN email SET NOT NULL;", "needs backfill=SQL")]
    [InlineData("-- retort:online speed=fast\nALTER TABLE people DROP COLUMN nick;", "unknown '-- retort:online' option 'speed'")]
    [InlineData("-- retort:online\nUPDATE people SET nick = 'x';", "right before an ALTER TABLE statement")]
    [InlineData("-- retort:online\nALTER TABLE people RENAME COLUMN a TO b, RENAME COLUMN c TO d;", "one action per online statement")]
    [InlineData("-- retort:online backfill='x'\nALTER TABLE people DROP COLUMN nick;", "not backfill=")]
    public void What_it_cannot_read_is_refused_naming_the_file(string sql, string message)
    {
        var e = Assert.Throws<RetortException>(() => SqlOnlineDirective.TryParse(sql, "r.sql"));
        Assert.StartsWith("r.sql: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_directive_that_leads_no_statement_is_refused()
    {
        var script = new SqlMigrationScript("r.sql", "ALTER TABLE people DROP COLUMN nick;\n-- retort:online\n", null);
        var e = Assert.Throws<RetortException>(() => script.BuildUpgrade(new Op()));
        Assert.Contains("'-- retort:online' line that is not right before an ALTER TABLE statement", e.Message);
    }
}

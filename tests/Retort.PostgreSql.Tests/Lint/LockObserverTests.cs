using Npgsql;
using Retort.PostgreSql.Lint;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests.Lint;

/// <summary>The lock observer on its own: what it reports, what it leaves behind, and statements that run outside a transaction.</summary>
public sealed class LockObserverTests(PgDatabase database) : IClassFixture<PgDatabase>
{
    private async Task<string> SchemaWithAccountsAsync()
    {
        var schema = "observer_" + Guid.NewGuid().ToString("N")[..8];
        await database.ExecuteAsync($"CREATE SCHEMA {schema}; SET search_path = {schema}; " +
            $"CREATE TABLE {schema}.accounts (id integer PRIMARY KEY, balance integer); INSERT INTO {schema}.accounts SELECT g, g FROM generate_series(1, 50) g;");
        return schema;
    }

    private string In(string schema) => new NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = schema }.ConnectionString;

    [PgFact]
    public async Task Reports_the_modes_rewrite_and_scans_of_a_statement_and_rolls_it_back()
    {
        var schema = await SchemaWithAccountsAsync();
        var observation = await new LockObserver(In(schema)).ObserveAsync("ALTER TABLE accounts ALTER COLUMN balance TYPE bigint");

        Assert.True(observation.InTransaction);
        var accounts = observation.For(schema + ".accounts");
        Assert.NotNull(accounts);
        Assert.Equal("AccessExclusiveLock", accounts.StrongestMode);
        Assert.True(accounts.Rewritten);
        Assert.True(accounts.Scans > 0);
        Assert.Equal("integer", await database.ScalarAsync<string>($"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '{schema}.accounts'::regclass AND attname = 'balance'"));
    }

    [PgFact]
    public async Task Keeps_the_statement_applied_when_asked()
    {
        var schema = await SchemaWithAccountsAsync();
        var observation = await new LockObserver(In(schema)).ObserveAsync("ALTER TABLE accounts ADD COLUMN note text", keep: true);

        Assert.Equal("AccessExclusiveLock", observation.For("accounts")!.StrongestMode);
        Assert.False(observation.For("accounts")!.Rewritten);
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = 'accounts' AND column_name = 'note'"));
    }

    [PgFact]
    public async Task Reads_the_lock_a_statement_outside_a_transaction_waits_for()
    {
        var schema = await SchemaWithAccountsAsync();
        var observation = await new LockObserver(In(schema)).ObserveAsync("CREATE INDEX CONCURRENTLY accounts_balance_idx ON accounts (balance)", blockTable: "accounts");

        Assert.False(observation.InTransaction);
        Assert.Equal("ShareUpdateExclusiveLock", observation.For("accounts")!.StrongestMode);
        Assert.Null(observation.For("accounts")!.Scans);
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM pg_indexes WHERE schemaname = '{schema}' AND indexname = 'accounts_balance_idx'"));
    }

    [PgFact]
    public async Task Finds_the_table_of_a_statement_outside_a_transaction_itself()
    {
        var schema = await SchemaWithAccountsAsync();
        await database.ExecuteAsync($"CREATE INDEX accounts_balance_idx ON {schema}.accounts (balance)");
        var observer = new LockObserver(In(schema));

        var drop = await observer.ObserveAsync("DROP INDEX CONCURRENTLY accounts_balance_idx");
        var vacuum = await observer.ObserveAsync("VACUUM FULL accounts");

        Assert.Equal("ShareUpdateExclusiveLock", drop.For("accounts")!.StrongestMode);
        Assert.Equal("AccessExclusiveLock", vacuum.For("accounts")!.StrongestMode);
        Assert.True(vacuum.For("accounts")!.Rewritten);
    }
}

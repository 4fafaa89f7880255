using Microsoft.Data.Sqlite;
using Retort.Sqlite.Lint;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests.Lint;

/// <summary>
/// The claims of SQLite's rules that have no lock to observe, checked on a real SQLite database: what the rule says
/// SQLite refuses inside a transaction it refuses, and what it says SQLite ignores it ignores.
/// </summary>
public sealed class SqliteRuleClaimTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    private SqliteConnection InTransaction(out SqliteTransaction transaction)
    {
        _db.Exec("CREATE TABLE IF NOT EXISTS accounts (id integer PRIMARY KEY, email text)");
        var connection = _db.Connect();
        transaction = connection.BeginTransaction();
        return connection;
    }

    private static object? Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void RT048_SQLite_ignores_PRAGMA_foreign_keys_inside_a_transaction()
    {
        Assert.Equal("RT048", SqliteRules.ForeignKeysPragmaInTransaction.Id);
        using var connection = InTransaction(out var transaction);
        Run(connection, transaction, "PRAGMA foreign_keys = OFF");
        Assert.Equal(1L, Run(connection, transaction, "PRAGMA foreign_keys"));
    }

    [Fact]
    public void RT049_SQLite_refuses_to_switch_to_WAL_inside_a_transaction()
    {
        using var connection = InTransaction(out var transaction);
        var error = Assert.Throws<SqliteException>(() => Run(connection, transaction, "PRAGMA journal_mode = WAL"));
        Assert.Contains("transaction", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RT050_SQLite_refuses_VACUUM_inside_a_transaction()
    {
        using var connection = InTransaction(out var transaction);
        var error = Assert.Throws<SqliteException>(() => Run(connection, transaction, "VACUUM"));
        Assert.Contains("transaction", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("ALTER TABLE accounts ADD COLUMN created_at text DEFAULT CURRENT_TIMESTAMP")]
    [InlineData("ALTER TABLE accounts ADD COLUMN code text UNIQUE")]
    [InlineData("ALTER TABLE accounts ADD COLUMN other_id integer PRIMARY KEY")]
    [InlineData("ALTER TABLE accounts ADD COLUMN tier integer NOT NULL")]
    [InlineData("ALTER TABLE accounts ADD COLUMN lower_email text AS (lower(email)) STORED")]
    public void RT053_SQLite_refuses_each_ADD_COLUMN_the_rule_finds(string sql)
    {
        _db.Exec("CREATE TABLE accounts (id integer PRIMARY KEY, email text); INSERT INTO accounts VALUES (1, 'a@example.com')");
        var findings = Specification.Lint.LintHarness.Run(new SqliteDialect(), [new Operations.ExecuteSqlOperation(sql)]);
        Assert.Contains("RT053", findings.Select(f => f.Rule.Id));
        Assert.Throws<SqliteException>(() => _db.Exec(sql));
    }
}

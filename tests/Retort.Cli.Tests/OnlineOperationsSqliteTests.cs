using Microsoft.Data.Sqlite;

namespace Retort.Cli.Tests;

/// <summary>
/// Online operations on SQLite run in one step, as their final shape: the upgrade leaves the final tables and an
/// ordinary upgrade in the history, and complete and abort say there is nothing to do.
/// </summary>
public sealed class OnlineOperationsSqliteTests
{
    private static string Text(string env, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(env, "app.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    [Fact]
    public async Task Online_operations_apply_in_one_step_and_leave_nothing_to_complete()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "accounts",
            "CREATE TABLE accounts (id INTEGER PRIMARY KEY, amount TEXT NOT NULL, nick TEXT, note TEXT);\n" +
            "INSERT INTO accounts (id, amount, nick, note) VALUES (1, '#12', 'ann', 'x'), (2, '#30', NULL, 'y');",
            "DROP TABLE accounts;");
        var online = await SqlEnvironment.RevisionAsync(env, "online",
            "-- retort:online\nALTER TABLE accounts RENAME COLUMN nick TO name;\n" +
            "-- retort:online\nALTER TABLE accounts ALTER COLUMN amount TYPE INTEGER USING CAST(substr(amount, 2) AS INTEGER);\n" +
            "-- retort:online\n-- retort:online backfill='anonymous'\nALTER TABLE accounts ALTER COLUMN name SET NOT NULL;\n" +
            "-- retort:online down='-'\nALTER TABLE accounts DROP COLUMN note;",
            null);

        await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.Equal("12,integer|30,integer", Text(env, "SELECT group_concat(amount || ',' || typeof(amount), '|') FROM (SELECT amount FROM accounts ORDER BY id)"));
        Assert.Equal("ann|anonymous", Text(env, "SELECT group_concat(name, '|') FROM (SELECT name FROM accounts ORDER BY id)"));
        Assert.Equal("1", Text(env, "SELECT \"notnull\" FROM pragma_table_info('accounts') WHERE name = 'name'"));
        Assert.Equal("0", Text(env, "SELECT count(*) FROM pragma_table_info('accounts') WHERE name = 'note'"));
        Assert.Equal("upgrade", Text(env, $"SELECT direction FROM retort_history WHERE revision = '{online}'"));

        foreach (var command in new[] { "complete", "abort" })
        {
            var result = await CliRunner.RunAsync(env, command);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"There is nothing to {command}: the sqlite database runs online operations in one step", result.Error);
        }
    }
}

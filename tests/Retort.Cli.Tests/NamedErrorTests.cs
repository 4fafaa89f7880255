using Microsoft.Data.Sqlite;

namespace Retort.Cli.Tests;

/// <summary>
/// Errors that name the thing that is wrong (the folder, the file, the key, the revision and its file, the other
/// writer) and, where a run stopped part-way, say what it rolled back and what it kept.
/// </summary>
public sealed class NamedErrorTests
{
    private static void AssertError(CliResult result, string expected)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Unexpected error", result.Error);
    }

    private static SqliteConnection Connect(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        return connection;
    }

    private static string Scalar(string file, string sql)
    {
        using var connection = Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static async Task<string> EnvironmentWithOneRevisionAsync(TempDir dir)
    {
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        return env;
    }

    [Fact]
    public async Task A_missing_folder_in_a_sqlite_url_is_named_and_not_created()
    {
        using var dir = new TempDir();
        var env = await EnvironmentWithOneRevisionAsync(dir);
        var result = await CliRunner.RunAsync(env, "--url", "sqlite:///no_such_folder/app.db", "upgrade", "head");
        AssertError(result, $"the folder {Path.Combine(env, "no_such_folder")} does not exist");
        Assert.DoesNotContain("unreadable connection string", result.Error);
        Assert.False(Directory.Exists(Path.Combine(env, "no_such_folder")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_named_and_left_alone()
    {
        using var dir = new TempDir();
        var env = await EnvironmentWithOneRevisionAsync(dir);
        var file = Path.Combine(env, "notes.db");
        var text = "These are notes, not a database. " + new string('x', 200);
        File.WriteAllText(file, text);
        foreach (var args in new[] { new[] { "upgrade", "head" }, ["current"] })
            AssertError(await CliRunner.RunAsync(env, ["--url", "sqlite:///notes.db", .. args]), $"The file {file} is not a SQLite database");
        Assert.Equal(text, File.ReadAllText(file));
    }

    [Fact]
    public async Task A_database_locked_by_another_writer_says_so_with_the_wait_and_changes_nothing()
    {
        using var dir = new TempDir();
        var env = await EnvironmentWithOneRevisionAsync(dir);
        var file = Path.Combine(env, "app.db");
        using (var writer = Connect(file))
        using (var transaction = writer.BeginTransaction(deferred: false))
        {
            using (var create = writer.CreateCommand())
            {
                create.Transaction = transaction;
                create.CommandText = "CREATE TABLE other_writer (id INTEGER)";
                create.ExecuteNonQuery();
            }
            var result = await CliRunner.RunAsync(env, "--url", "sqlite:///app.db?timeout=1", "upgrade", "head");
            AssertError(result, $"The SQLite database {file} is locked by another writer");
            Assert.Contains("waited 1 s", result.Error);
            transaction.Rollback();
        }
        Assert.Equal("0", Scalar(file, "SELECT count(*) FROM sqlite_master WHERE name = 'one'"));
        Assert.StartsWith("base", await CliRunner.OkAsync(env, "current"));
    }

    [Fact]
    public async Task An_unknown_key_in_the_config_file_is_an_error_with_the_closest_valid_key()
    {
        using var dir = new TempDir();
        var env = await EnvironmentWithOneRevisionAsync(dir);
        var config = Path.Combine(env, "retort.json");
        var original = File.ReadAllText(config);
        File.WriteAllText(config, original.Replace("\"url\"", "\"ulr\"", StringComparison.Ordinal));
        AssertError(await CliRunner.RunAsync(env, "upgrade", "head"), "unknown key \"ulr\"; did you mean \"url\"?");
        File.WriteAllText(config, original.Replace("{", "{\n  \"singleTransactions\": true,", StringComparison.Ordinal));
        AssertError(await CliRunner.RunAsync(env, "heads"), "unknown key \"singleTransactions\"; did you mean \"singleTransaction\"?");
        File.WriteAllText(config, original.Replace("{", "{\n  \"$schema\": \"https://example.org/retort.schema.json\",", StringComparison.Ordinal));
        await CliRunner.OkAsync(env, "heads");
        Assert.False(File.Exists(Path.Combine(env, "app.db")));
    }

    [Fact]
    public async Task A_missing_revisions_folder_is_named_instead_of_blaming_the_version_table()
    {
        using var dir = new TempDir();
        var env = await EnvironmentWithOneRevisionAsync(dir);
        await CliRunner.OkAsync(env, "upgrade", "head");
        Directory.Move(Path.Combine(env, "Revisions"), Path.Combine(env, "Revisions.moved"));
        foreach (var args in new[] { new[] { "current" }, ["upgrade", "head"], ["history"] })
        {
            var result = await CliRunner.RunAsync(env, args);
            AssertError(result, $"The revisions folder {Path.Combine(env, "Revisions")} does not exist");
            Assert.DoesNotContain("no revision script defines", result.Error);
        }
    }

    [Fact]
    public async Task A_duplicate_revision_id_names_both_files()
    {
        using var dir = new TempDir();
        var env = await EnvironmentWithOneRevisionAsync(dir);
        var file = Directory.GetFiles(Path.Combine(env, "Revisions"), "*.sql").Single();
        var copy = Path.Combine(env, "Revisions", "copy_of_one.sql");
        File.Copy(file, copy);
        var result = await CliRunner.RunAsync(env, "heads");
        AssertError(result, "is used by 2 revisions: ");
        Assert.Contains(copy, result.Error);
        Assert.Contains(file, result.Error);
    }

    [Fact]
    public async Task An_irreversible_sql_revision_names_its_id_and_file()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var id = await SqlEnvironment.RevisionAsync(env, "no way back", "CREATE TABLE one (id INTEGER);", null);
        await CliRunner.OkAsync(env, "upgrade", "head");
        var file = Directory.GetFiles(Path.Combine(env, "Revisions"), "*.sql").Single();
        AssertError(await CliRunner.RunAsync(env, "downgrade", "base"), $"Cannot downgrade through revision {id} ({file})");
        Assert.StartsWith(id, await CliRunner.OkAsync(env, "current"));
    }

    [Fact]
    public async Task A_full_database_says_what_was_rolled_back_and_what_was_kept()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var one = await SqlEnvironment.RevisionAsync(env, "keep table", "CREATE TABLE keep (id INTEGER);", "DROP TABLE keep;");
        var two = await SqlEnvironment.RevisionAsync(env, "keep row", "INSERT INTO keep VALUES (1);", "DELETE FROM keep;");
        // The connection may not grow the file past a few pages: SQLite then fails as on a full disk (SQLITE_FULL).
        var fill = await SqlEnvironment.RevisionAsync(env, "fill",
            "PRAGMA max_page_count = 12;\nCREATE TABLE big (b BLOB);\n" +
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO big SELECT randomblob(1000) FROM n;", "DROP TABLE big;");

        var result = await CliRunner.RunAsync(env, "upgrade", "head");
        AssertError(result, "database or disk is full");
        Assert.Contains("The database or its disk is full: free space", result.Error);
        Assert.Contains($"Rolled back: {fill} (fill).", result.Error);
        Assert.Contains($"Kept from this upgrade: {one} (keep table), {two} (keep row).", result.Error);
        Assert.Contains($"The database is at {two}", result.Error);
        Assert.Contains($"-> {fill}, fill ... failed", result.Out);

        var file = Path.Combine(env, "app.db");
        Assert.Equal(two, Scalar(file, "SELECT version_num FROM retort_version"));
        Assert.Equal("1", Scalar(file, "SELECT count(*) FROM keep"));
        Assert.Equal("0", Scalar(file, "SELECT count(*) FROM sqlite_master WHERE name = 'big'"));
    }

    [Fact]
    public async Task Current_on_a_missing_sqlite_file_does_not_create_it()
    {
        using var dir = new TempDir();
        var env = await EnvironmentWithOneRevisionAsync(dir);
        var file = Path.Combine(env, "app.db");
        var current = await CliRunner.OkAsync(env, "current");
        Assert.StartsWith("base (no revision applied", current);
        Assert.Contains("does not exist; nothing was created", current);
        Assert.False(File.Exists(file));
        await CliRunner.OkAsync(env, "-v", "current");
        await CliRunner.OkAsync(env, "history", "-i");
        Assert.False(File.Exists(file));
        await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.True(File.Exists(file));
    }
}

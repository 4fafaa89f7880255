using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Retort.Cli.Tests;

/// <summary>
/// A revision written by <c>retort revision</c> never downgrades by doing nothing: a C# one inherits the reverse of
/// its upgrade, a SQL one whose downgrade section was left empty is refused, and <c>retort test</c> fails an empty
/// downgrade after a non-empty upgrade, naming the revision.
/// </summary>
public sealed partial class NewRevisionDowngradeTests
{
    private static long Scalar(string env, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(env, "app.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [Fact]
    public async Task A_sql_revision_whose_downgrade_section_was_left_empty_refuses_to_downgrade_and_fails_the_test()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "create users", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);", "DROP TABLE users;");
        var created = await CliRunner.OkAsync(env, "revision", "-m", "seed users");
        var id = Id().Match(created).Groups[1].Value;
        var file = Directory.GetFiles(Path.Combine(env, "Revisions"), id + "*.sql").Single();
        Assert.Contains("-- retort:downgrade\n", File.ReadAllText(file));
        File.WriteAllText(file, File.ReadAllText(file).Replace("-- retort:upgrade\n\n", "-- retort:upgrade\nINSERT INTO users (name) VALUES ('ada');\n\n"));

        await CliRunner.OkAsync(env, "upgrade", "head");
        var refused = await CliRunner.RunAsync(env, "downgrade", "-1");
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains(Path.GetFileName(file), refused.Error);
        Assert.Contains("empty '-- retort:downgrade' section", refused.Error);
        Assert.Contains("delete the '-- retort:downgrade' line to mark the revision irreversible", refused.Error);
        Assert.StartsWith(id, await CliRunner.OkAsync(env, "current"));
        Assert.Equal(1, Scalar(env, "SELECT count(*) FROM users"));

        var test = await CliRunner.RunAsync(env, "test");
        Assert.True(test.ExitCode == 1, test.ToString());
        Assert.Contains($"Reversible of revision {id}", test.Error);

        // Writing the downgrade makes both work.
        File.WriteAllText(file, File.ReadAllText(file).Replace("-- retort:downgrade\n", "-- retort:downgrade\nDELETE FROM users WHERE name = 'ada';\n"));
        await CliRunner.OkAsync(env, "test");
        await CliRunner.OkAsync(env, "downgrade", "-1");
        Assert.Equal(0, Scalar(env, "SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task A_csharp_revision_reverses_its_upgrade_by_default_and_an_empty_downgrade_override_fails_the_test()
    {
        using var dir = new TempDir();
        await CliRunner.OkAsync(dir.Path, "init", "migrations");
        var env = dir["migrations"];
        var created = await CliRunner.OkAsync(env, "revision", "-m", "create users");
        var id = Id().Match(created).Groups[1].Value;
        var file = Directory.GetFiles(Path.Combine(env, "Revisions"), "*.cs").Single();
        var text = File.ReadAllText(file);
        Assert.DoesNotContain("Downgrade(Op op)\n    {", text);
        Assert.Contains("Downgrade is the reverse of Upgrade unless overridden", text);
        File.WriteAllText(file, text.Replace("public override void Upgrade(Op op)\n    {\n    }",
            "public override void Upgrade(Op op)\n    {\n        op.CreateTable(\"users\", new Column(\"id\", SqlType.Integer, primaryKey: true));\n    }"));

        await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.Equal(1, Scalar(env, "SELECT count(*) FROM sqlite_master WHERE name = 'users'"));
        await CliRunner.OkAsync(env, "downgrade", "base");
        Assert.Equal(0, Scalar(env, "SELECT count(*) FROM sqlite_master WHERE name = 'users'"));
        Assert.Contains("All", await CliRunner.OkAsync(env, "test"));

        // What 'retort revision' used to write: a Downgrade that does nothing.
        File.WriteAllText(file, File.ReadAllText(file).Replace("    // Downgrade is the reverse", "    public override void Downgrade(Op op)\n    {\n    }\n\n    // Downgrade is the reverse"));
        var test = await CliRunner.RunAsync(env, "test");
        Assert.True(test.ExitCode == 1, test.ToString());
        Assert.Contains($"Reversible of revision {id}", test.Error);
        Assert.Contains("empty downgrade", test.Error);
        Assert.Contains("Remove the empty Downgrade override", test.Error);
    }

    [GeneratedRegex(@"Revision ([0-9a-z_]+) \(parent")]
    private static partial Regex Id();
}

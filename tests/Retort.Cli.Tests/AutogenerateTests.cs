namespace Retort.Cli.Tests;

/// <summary>
/// <c>revision --autogenerate</c> and <c>check</c> in a C# environment that declares its target schema, end to
/// end: generate, upgrade, check clean, change the schema, check fails, generate again, downgrade.
/// </summary>
public sealed class AutogenerateTests
{
    private static string TargetSchema(string columns) => $$"""
        using Retort.Autogenerate;
        using Retort.Schema;

        namespace Migrations;

        public sealed class TargetSchema : ITargetSchema
        {
            public MetaData Build()
            {
                var m = new MetaData();
                _ = new Table("users", m,
                    new Column("id", SqlType.Integer, primaryKey: true),
                    {{columns}});
                return m;
            }
        }
        """;

    [Fact]
    public async Task Autogenerate_then_check_round_trip()
    {
        using var dir = new TempDir();
        await CliRunner.OkAsync(dir.Path, "init", "migrations");
        var env = dir["migrations"];

        var noTarget = await CliRunner.RunAsync(env, "check");
        Assert.Equal(2, noTarget.ExitCode); // could not check
        Assert.Contains("declares no target schema", noTarget.Error);

        File.WriteAllText(Path.Combine(env, "TargetSchema.cs"), TargetSchema("new Column(\"name\", SqlType.String(50), nullable: false)"));
        var first = await CliRunner.OkAsync(env, "revision", "--autogenerate", "-m", "create users");
        Assert.Contains("Detected create table users", first);
        var file = Directory.GetFiles(Path.Combine(env, "Revisions"), "*.cs").Single();
        Assert.Contains("op.CreateTable(Table.Create(\"users\"", File.ReadAllText(file));
        Assert.Contains("op.DropTable(\"users\"", File.ReadAllText(file));

        var behind = await CliRunner.RunAsync(env, "revision", "--autogenerate", "-m", "too early");
        Assert.Equal(1, behind.ExitCode);
        Assert.Contains("not up to date", behind.Error);

        await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.Contains("No differences", await CliRunner.OkAsync(env, "check"));
        Assert.Contains("No changes in schema detected", await CliRunner.OkAsync(env, "revision", "--autogenerate", "-m", "nothing"));
        Assert.Single(Directory.GetFiles(Path.Combine(env, "Revisions"), "*.cs"));

        File.WriteAllText(Path.Combine(env, "TargetSchema.cs"), TargetSchema(
            "new Column(\"name\", SqlType.String(20), nullable: false), new Column(\"email\", SqlType.String(100))"));
        var drift = await CliRunner.RunAsync(env, "check");
        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("add column users.email", drift.Error);
        Assert.Contains("danger: narrows 'users.name'", drift.Error);

        var second = await CliRunner.OkAsync(env, "revision", "--autogenerate", "-m", "add email");
        Assert.Contains("Detected add column users.email", second);
        var secondFile = Directory.GetFiles(Path.Combine(env, "Revisions"), "*add_email.cs").Single();
        Assert.Contains("// DANGER: narrows 'users.name'", File.ReadAllText(secondFile));
        await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.Contains("No differences", await CliRunner.OkAsync(env, "check"));

        // An applied revision edited afterwards fails the check (the schema still matches) until the edit is accepted.
        File.WriteAllText(file, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(file), @"void Upgrade\(Op op\)\s*\{", "$0\n        op.Execute(\"SELECT 1\");"));
        var edited = await CliRunner.RunAsync(env, "check");
        Assert.Equal(1, edited.ExitCode);
        Assert.Contains($"was edited after it was applied to this database: {Path.GetFileName(file)[..12]} (", edited.Error);
        Assert.Contains($"'retort accept {Path.GetFileName(file)[..12]}'", edited.Error);
        Assert.Contains("Accepted the edit", await CliRunner.OkAsync(env, "accept", "--all"));
        Assert.Contains("No differences", await CliRunner.OkAsync(env, "check"));

        await CliRunner.OkAsync(env, "downgrade", "base");
        var empty = await CliRunner.RunAsync(env, "check");
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("create table users", empty.Error);
    }
}

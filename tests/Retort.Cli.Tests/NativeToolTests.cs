using System.Runtime.InteropServices;
using System.Text.Json;

namespace Retort.Cli.Tests;

/// <summary>
/// The tool compiled natively (Native AOT, what the benchmarks run): a SQL environment runs inside it; a C#
/// environment, which a native process cannot load, is built and handed over to the environment's own program
/// with the same command line, output and exit code.
/// </summary>
public sealed class NativeToolTests
{
    [Fact]
    public async Task Native_tool_runs_sql_environments_itself_and_hands_csharp_environments_to_their_program()
    {
        using var dir = new TempDir();
        var tool = await PublishAsync(dir["native"]);

        // SQL environment: everything in the native process.
        Assert.Equal(0, (await CliRunner.ProcessAsync(dir.Path, tool, "init", "sqlenv", "--template", "sql")).ExitCode);
        var sqlEnv = dir["sqlenv"];
        Assert.Equal(0, (await CliRunner.ProcessAsync(sqlEnv, tool, "revision", "-m", "create t")).ExitCode);
        var file = Directory.GetFiles(Path.Combine(sqlEnv, "Revisions"), "*.sql").Single();
        var id = Path.GetFileName(file)[..12];
        File.WriteAllText(file, File.ReadAllText(file)
            .Replace("-- retort:upgrade\n", "-- retort:upgrade\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n")
            .Replace("-- retort:downgrade\n", "-- retort:downgrade\nDROP TABLE t;\n"));
        var upgrade = await CliRunner.ProcessAsync(sqlEnv, tool, "upgrade", "head");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains($"Running upgrade <base> -> {id}, create t", upgrade.Out);
        Assert.StartsWith(id, (await CliRunner.ProcessAsync(sqlEnv, tool, "current")).Out);
        var test = await CliRunner.ProcessAsync(sqlEnv, tool, "test", "--json");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.True(JsonDocument.Parse(test.Out).RootElement.GetProperty("passed").GetBoolean(), test.Out);
        var bad = await CliRunner.ProcessAsync(sqlEnv, tool, "downgrade", "nope");
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("error: No revision matches 'nope'", bad.Error);
        Assert.Equal(0, (await CliRunner.ProcessAsync(sqlEnv, tool, "downgrade", "base")).ExitCode);

        // C# environment: built, then run by its own program.
        Assert.Equal(0, (await CliRunner.ProcessAsync(dir.Path, tool, "init", "csenv")).ExitCode);
        var csEnv = dir["csenv"];
        var revision = await CliRunner.ProcessAsync(csEnv, tool, "revision", "-m", "create users");
        Assert.True(revision.ExitCode == 0, revision.ToString());
        Assert.Contains("Building", revision.Out);
        var csFile = Directory.GetFiles(Path.Combine(csEnv, "Revisions"), "*.cs").Single();
        var csId = Path.GetFileName(csFile)[..12];
        File.WriteAllText(csFile, File.ReadAllText(csFile).Replace("public override void Upgrade(Op op)\n    {\n    }",
            "public override void Upgrade(Op op)\n    {\n        op.CreateTable(\"users\", new Column(\"id\", SqlType.Integer, primaryKey: true));\n    }"));
        var csUpgrade = await CliRunner.ProcessAsync(csEnv, tool, "upgrade", "head");
        Assert.True(csUpgrade.ExitCode == 0, csUpgrade.ToString());
        Assert.Contains("Building", csUpgrade.Out);
        Assert.Contains($"Running upgrade <base> -> {csId}, create users ... done", csUpgrade.Out);
        Assert.StartsWith(csId, (await CliRunner.ProcessAsync(csEnv, tool, "current")).Out);
        var csBad = await CliRunner.ProcessAsync(csEnv, tool, "upgrade", "nope");
        Assert.Equal(1, csBad.ExitCode);
        Assert.StartsWith("error: No revision matches 'nope'", csBad.Error);
    }

    /// <summary>Publishes the tool natively into <paramref name="folder"/>, with Retort's assemblies beside it for C# environments to build against.</summary>
    private static async Task<string> PublishAsync(string folder)
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var project = Path.Combine(TempDir.RepositoryRoot(), "src", "Retort.Tool", "Retort.Tool.csproj");
        // Its own artifacts folder: the restore for the runtime identifier must not rewrite the obj folders that
        // tests building the quickstart (project references to the same sources) use at the same time.
        var publish = await CliRunner.ProcessAsync(TempDir.RepositoryRoot(), "dotnet", TimeSpan.FromMinutes(30),
            "publish", project, "-c", "Release", "-r", rid, "-p:PublishAot=true", "-o", folder, "-nologo",
            "--artifacts-path", Path.Combine(folder, "..", "artifacts"));
        Assert.True(publish.ExitCode == 0, publish.ToString());
        foreach (var dll in Directory.GetFiles(AppContext.BaseDirectory, "Retort*.dll"))
            File.Copy(dll, Path.Combine(folder, Path.GetFileName(dll)), overwrite: true);
        return Path.Combine(folder, "Retort.Tool");
    }
}

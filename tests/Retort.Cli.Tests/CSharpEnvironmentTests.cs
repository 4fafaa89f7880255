namespace Retort.Cli.Tests;

/// <summary>
/// A generated C# environment: revision files are compiled when stale (not every time), loaded, and run. Builds
/// are slow, so one test walks the whole path.
/// </summary>
public sealed class CSharpEnvironmentTests
{
    [Fact]
    public async Task Csharp_environment_builds_when_stale_runs_and_reports_build_errors()
    {
        using var dir = new TempDir();
        await CliRunner.OkAsync(dir.Path, "init", "migrations");
        var env = dir["migrations"];
        Assert.True(File.Exists(Path.Combine(env, "Migrations.csproj")));
        Assert.Contains("RetortCommandLine.RunAsync", File.ReadAllText(Path.Combine(env, "Program.cs")));
        // Packages, not paths into the tool's folder: the project builds wherever a feed holds them (here the test
        // run's own build stands in for them: LocalRetortBuild).
        var project = File.ReadAllText(Path.Combine(env, "Migrations.csproj"));
        Assert.Contains("<PackageReference Include=\"Retort.Cli\" Version=\"$(RetortVersion)\" />", project);
        Assert.DoesNotContain("HintPath", project);

        var created = await CliRunner.OkAsync(env, "revision", "-m", "create users");
        var file = Directory.GetFiles(Path.Combine(env, "Revisions"), "*.cs").Single();
        var id = Path.GetFileName(file)[..12];
        Assert.Contains($"[Revision(\"{id}\", Message = \"create users\")]", File.ReadAllText(file));
        File.WriteAllText(file, File.ReadAllText(file)
            .Replace("public override void Upgrade(Op op)\n    {\n    }",
                "public override void Upgrade(Op op)\n    {\n        op.CreateTable(\"users\", new Column(\"id\", SqlType.Integer, primaryKey: true), new Column(\"name\", SqlType.String(50)));\n" +
                "        op.Run(\"seed\", (db, ct) => db.ExecuteAsync(\"INSERT INTO users (name) VALUES ('ada')\", cancellationToken: ct));\n    }")
            .Replace("    // Downgrade is the reverse", "    public override void Downgrade(Op op) => op.DropTable(\"users\");\n\n    // Downgrade is the reverse"));

        var offline = await CliRunner.RunAsync(env, "upgrade", "head", "--sql");
        Assert.True(offline.ExitCode == 1, offline.ToString());
        Assert.True(offline.Error.Contains($"Revision {id} cannot be rendered as SQL"), offline.ToString());
        Assert.Contains("Building", offline.Out);
        Assert.Equal("", offline.Out.Replace("\n", "").Replace("Building Migrations.csproj (sources changed)...", ""));

        var upgrade = await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.DoesNotContain("Building", upgrade);
        Assert.Contains($"Running upgrade <base> -> {id}, create users ... done", upgrade);
        Assert.StartsWith(id, await CliRunner.OkAsync(env, "current"));
        await CliRunner.OkAsync(env, "downgrade", "base");

        // An edit is seen by its content, not its timestamp: even a file dated before the build is rebuilt. Without its
        // Downgrade the revision reverses its Upgrade, which it cannot do for the seed step.
        File.WriteAllText(file, File.ReadAllText(file).Replace("'ada'", "'grace'").Replace("public override void Downgrade(Op op) => op.DropTable(\"users\");", ""));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        // Commands started together after the edit build once: the others wait for that build, then use it.
        var together = await Task.WhenAll(new[] { new[] { "upgrade", "head" }, ["heads"], ["history"] }
            .Select(args => Task.Run(() => CliRunner.RunAsync(env, args))));
        foreach (var result in together) Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, together.Count(r => r.Out.Contains("Building", StringComparison.Ordinal)));
        Assert.Contains("create users ... done", together[0].Out);

        var irreversible = await CliRunner.RunAsync(env, "downgrade", "base");
        Assert.True(irreversible.ExitCode == 1, irreversible.ToString());
        Assert.Contains($"Cannot downgrade revision {id} ({file}): Cannot reverse", irreversible.Error);
        Assert.DoesNotContain("Revision_" + id, irreversible.Error); // the class name

        File.WriteAllText(file, File.ReadAllText(file).Replace("cancellationToken: ct));", "cancellationToken: ct))"));
        var broken = await CliRunner.RunAsync(env, "upgrade", "head");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("does not build", broken.Error);
        Assert.Contains("CS1002", broken.Error);
    }
}

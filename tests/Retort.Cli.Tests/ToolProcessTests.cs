using System.Reflection;

namespace Retort.Cli.Tests;

/// <summary>The built retort tool, run as a process the way a user runs it.</summary>
public sealed class ToolProcessTests
{
    internal static string ToolPath()
    {
        var root = TempDir.RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;
        var candidates = new[] { configuration, "Debug", "Release" }
            .Select(c => Path.Combine(root, "src", "Retort.Tool", "bin", c, "net10.0", "Retort.Tool.dll"));
        return candidates.First(File.Exists);
    }

    [Fact]
    public async Task Tool_runs_a_sql_environment_end_to_end()
    {
        using var dir = new TempDir();
        var tool = ToolPath();
        var init = await CliRunner.ProcessAsync(dir.Path, "dotnet", tool, "init", "env", "--template", "sql");
        Assert.True(init.ExitCode == 0, init.ToString());
        var env = dir["env"];
        var revision = await CliRunner.ProcessAsync(env, "dotnet", tool, "revision", "-m", "create t");
        Assert.True(revision.ExitCode == 0, revision.ToString());
        var file = Directory.GetFiles(Path.Combine(env, "Revisions"), "*.sql").Single();
        File.WriteAllText(file, File.ReadAllText(file).Replace("-- retort:upgrade\n", "-- retort:upgrade\nCREATE TABLE t (id INTEGER);\n"));
        var upgrade = await CliRunner.ProcessAsync(env, "dotnet", tool, "upgrade", "head");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains("Running upgrade <base> -> ", upgrade.Out);
        var bad = await CliRunner.ProcessAsync(env, "dotnet", tool, "downgrade", "nope");
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("error: ", bad.Error);
        Assert.DoesNotContain("   at ", bad.Error);
        // The tool's name, not its assembly's (Retort.Tool), in help and in usage errors.
        var help = await CliRunner.ProcessAsync(env, "dotnet", tool, "--help");
        Assert.Contains("upgrade", help.Out);
        Assert.Contains("Usage:\n  retort [command] [options]", help.Out.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("Retort.Tool", help.Out);
        var usage = await CliRunner.ProcessAsync(env, "dotnet", tool, "upgrade");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("Run 'retort upgrade --help' for usage.", usage.Error);
        // The version is the package version (from git tags), not 1.0.0.
        var version = await CliRunner.ProcessAsync(env, "dotnet", tool, "--version");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal(typeof(RetortCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, version.Out.Trim());
        Assert.DoesNotMatch(@"^1\.0\.0\b", version.Out.Trim());
    }
}

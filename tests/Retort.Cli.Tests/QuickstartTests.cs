namespace Retort.Cli.Tests;

/// <summary>The README's first command, run from a clean copy of the sources.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task Quickstart_upgrade_head_from_a_clean_copy()
    {
        using var dir = new TempDir();
        var root = TempDir.RepositoryRoot();
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", ".editorconfig" })
            if (File.Exists(Path.Combine(root, file))) File.Copy(Path.Combine(root, file), dir[file]);
        // Every library (the sample references them, and they reference each other), the sample itself, and the build
        // settings the Directory.Build files import. No .git: the versions fall back to MinVer's default.
        var folders = Directory.GetDirectories(Path.Combine(root, "src")).Select(d => "src/" + Path.GetFileName(d)).Append("samples/Quickstart").Append("build");
        foreach (var folder in folders)
            CopySources(Path.Combine(root, folder), dir[folder]);

        var run = await CliRunner.ProcessAsync(dir.Path, "dotnet", "run", "--project", "samples/Quickstart", "--", "upgrade", "head");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(4, run.Out.Split('\n').Count(l => l.StartsWith("Running upgrade", StringComparison.Ordinal)));
        Assert.Contains("move legacy_order into order_line ... done", run.Out);
        Assert.Contains("customer (id, full_name, email)", run.Out);
        Assert.Contains("1 | 1 | analytical engine | 184300", run.Out);
        Assert.DoesNotContain("legacy_order (", run.Out);
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            if (!file.EndsWith(".db", StringComparison.Ordinal)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var sub in Directory.GetDirectories(from))
            if (Path.GetFileName(sub) is not ("bin" or "obj")) CopySources(sub, Path.Combine(to, Path.GetFileName(sub)));
    }
}

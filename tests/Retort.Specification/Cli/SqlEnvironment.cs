using System.Text.RegularExpressions;

namespace Retort.Specification.Cli;

/// <summary>Helpers to build SQL-only environments and fill their revision files.</summary>
public static partial class SqlEnvironment
{
    /// <summary>Creates a SQL environment in <c>dir/env</c>; returns its folder.</summary>
    public static async Task<string> InitAsync(TempDir dir)
    {
        await CliRunner.OkAsync(dir.Path, "init", "env", "--template", "sql");
        return dir["env"];
    }

    /// <summary>Runs <c>retort revision</c> with extra arguments, fills the sections, returns the new id.</summary>
    public static async Task<string> RevisionAsync(string env, string message, string upgrade, string? downgrade, params string[] extra)
    {
        var output = await CliRunner.OkAsync(env, ["revision", "-m", message, .. extra]);
        var path = GeneratedPath().Match(output).Groups[1].Value.Trim();
        var text = File.ReadAllText(path);
        text = text.Replace("-- retort:upgrade\n\n", "-- retort:upgrade\n" + upgrade + "\n\n");
        text = downgrade is null ? text.Replace("-- retort:downgrade\n", "") : text.Replace("-- retort:downgrade\n", "-- retort:downgrade\n" + downgrade + "\n");
        File.WriteAllText(path, text);
        return Id().Match(output).Groups[1].Value;
    }

    [GeneratedRegex(@"Generating (.+?) \.\.\. done")]
    private static partial Regex GeneratedPath();

    [GeneratedRegex(@"Revision ([0-9a-z_]+) \(parent")]
    private static partial Regex Id();
}

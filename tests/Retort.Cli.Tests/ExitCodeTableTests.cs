using System.Text.RegularExpressions;
using Retort.Cli.Commands;

namespace Retort.Cli.Tests;

/// <summary>
/// docs/exit-codes.md is the one table of exit codes: it lists every command the tool has, its codes are the ones the
/// code returns, and every command answers a command line that does not parse with 2.
/// </summary>
public sealed partial class ExitCodeTableTests
{
    private static Dictionary<string, string[]> Table()
    {
        var rows = new Dictionary<string, string[]>();
        foreach (var line in File.ReadAllLines(Path.Combine(TempDir.RepositoryRoot(), "docs", "exit-codes.md")))
        {
            var match = Row().Match(line);
            if (match.Success) rows[match.Groups[1].Value] = line.Split('|', StringSplitOptions.TrimEntries)[2..^1];
        }
        return rows;
    }

    [GeneratedRegex(@"^\| `([a-z]+)` \|")]
    private static partial Regex Row();

    [Fact]
    public async Task The_table_lists_every_command_and_the_codes_the_tool_returns()
    {
        using var dir = new TempDir();
        var help = await CliRunner.RunAsync(dir.Path, "--help");
        Assert.Equal(0, help.ExitCode);
        var commands = CommandList().Matches(help.Out[help.Out.IndexOf("Commands:", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("check", commands);
        var table = Table();
        Assert.Equal(commands.Order(StringComparer.Ordinal), table.Keys.Order(StringComparer.Ordinal));
        Assert.All(table, row => Assert.Equal(4, row.Value.Length));

        // The codes as the code names them, in the columns the table gives them.
        Assert.Equal((0, 1, 2, 130), (RetortCommandLine.Success, RetortCommandLine.Failure, RetortCommandLine.UsageError, RetortCommandLine.Interrupted));
        Assert.Equal(1, CheckCommand.Drift);
        Assert.StartsWith("drift", table["check"][1]);
        Assert.Equal(2, CheckCommand.CouldNotCheck);
        Assert.Contains("could not check", table["check"][2]);
        Assert.Equal(1, LintCommand.Findings);
        Assert.StartsWith("blocking findings", table["lint"][1]);
        Assert.Equal(2, LintCommand.CouldNotLint);
        Assert.Contains("could not lint", table["lint"][2]);

        // Every command: a command line that does not parse (an option without its value) exits 2, as the table says.
        foreach (var command in commands)
        {
            Assert.StartsWith("usage", table[command][2]);
            var result = await CliRunner.RunAsync(dir.Path, command, "--url");
            Assert.True(result.ExitCode == 2, $"retort {command} --url: {result}");
            Assert.Contains("--url", result.Error);
            Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        }
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error_not_an_argument()
    {
        using var dir = new TempDir();
        var init = await CliRunner.RunAsync(dir.Path, "init", "--no-such-option");
        Assert.True(init.ExitCode == 2, init.ToString());
        Assert.Contains("Unrecognized option '--no-such-option'", init.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));

        var stamp = await CliRunner.RunAsync(dir.Path, "stamp", "head", "--jsn");
        Assert.True(stamp.ExitCode == 2, stamp.ToString());
        Assert.Contains("'--jsn'", stamp.Error);

        // A relative target is an argument, not an option: it reaches the command (which finds no environment here).
        var downgrade = await CliRunner.RunAsync(dir.Path, "downgrade", "-1");
        Assert.DoesNotContain("Unrecognized option", downgrade.Error);
    }

    // "  name <args>  description" lines of the help's command list.
    [GeneratedRegex(@"^  ([a-z]+)\b", RegexOptions.Multiline)]
    private static partial Regex CommandList();
}

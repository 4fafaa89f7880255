namespace Retort.Cli.Tests;

/// <summary>
/// The tool on a real terminal (a pseudo-terminal made by util-linux's <c>script</c>): colour and box drawing there,
/// no colour with <c>NO_COLOR</c>, and neither when its output is piped.
/// </summary>
public sealed class TerminalOutputTests
{
    [Fact]
    public async Task Colour_on_a_terminal_none_with_NO_COLOR_and_plain_text_when_piped()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "create t", "CREATE TABLE t (id INTEGER);", "DROP TABLE t;");
        await CliRunner.OkAsync(env, "upgrade", "head");
        // An index on a table that exists: a lint note, which a terminal shows in colour in a table.
        await SqlEnvironment.RevisionAsync(env, "index t", "CREATE INDEX ix_t ON t (id);", "DROP INDEX ix_t;");
        var lint = $"dotnet '{ToolProcessTests.ToolPath()}' lint --url sqlite:///app.db";

        async Task<string> OnTerminalAsync(bool noColor)
        {
            var start = CliRunner.StartInfo(env, "script", "-qec", lint, "/dev/null");
            start.Environment["TERM"] = "xterm-256color";
            start.Environment.Remove("NO_COLOR");
            if (noColor) start.Environment["NO_COLOR"] = "1";
            var (code, output, error) = await Retort.Specification.Support.TestProcess.RunAsync(start, TimeSpan.FromMinutes(2));
            Assert.True(code == 0 && output.Contains("RT051", StringComparison.Ordinal), $"script exited {code}:\n{output}\n{error}");
            return output;
        }

        var colour = await OnTerminalAsync(noColor: false);
        Assert.Matches(@"\u001b\[38;5;\d+m", colour);
        Assert.Contains(colour, c => c is >= '\u2500' and <= '\u257F');
        var noColour = await OnTerminalAsync(noColor: true);
        Assert.DoesNotMatch(@"\u001b\[(38|48|3\d|9\d);?[0-9;]*m", noColour);
        Assert.Contains(noColour, c => c is >= '\u2500' and <= '\u257F');

        var piped = await CliRunner.ProcessAsync(env, "dotnet", ToolProcessTests.ToolPath(), "lint", "--url", "sqlite:///app.db");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Contains("RT051", piped.Out);
        Assert.DoesNotContain('\u001b', piped.Out);
        Assert.DoesNotContain(piped.Out, c => c is >= '\u2500' and <= '\u259F');
    }
}

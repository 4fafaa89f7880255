using Spectre.Console;

namespace Retort.Cli.Internal;

/// <summary>
/// Creates Spectre consoles on a writer: colour and box drawing on a terminal; plain text when redirected (no ANSI
/// codes, no box-drawing or other non-ASCII glyphs, no wrapping); no colour when <c>NO_COLOR</c> is set (no-color.org).
/// </summary>
internal static class ConsoleFactory
{
    public static IAnsiConsole Create(TextWriter writer, bool terminal, bool noColor = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal && !noColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 1000;
            // Widgets fall back to ASCII (a writer's UTF encoding would otherwise let them draw boxes).
            console.Profile.Capabilities.Unicode = false;
        }
        return console;
    }

    /// <summary>True when the console is a terminal: what <see cref="Create"/> made from a redirected writer is not.</summary>
    public static bool IsTerminal(IAnsiConsole console) => console.Profile.Capabilities.Unicode || console.Profile.Capabilities.Ansi;

    /// <summary>A table: with borders on a terminal; redirected, columns aligned by spaces with no border lines.</summary>
    public static Table Table(IAnsiConsole console, params string[] columns)
    {
        var table = new Table();
        foreach (var column in columns) table.AddColumn(column);
        if (!IsTerminal(console)) table.Border(TableBorder.None);
        return table;
    }
}

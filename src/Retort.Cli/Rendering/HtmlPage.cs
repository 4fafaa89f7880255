using System.Net;
using System.Text;

namespace Retort.Cli.Rendering;

/// <summary>A standalone HTML page: one file, its style inside, no script and nothing fetched from the network.</summary>
internal static class HtmlPage
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #223; background: #fafbfc; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #dde; padding-bottom: 4px; }
        .subtitle { color: #667; margin: 0 0 16px; }
        table { border-collapse: collapse; background: #fff; font-size: 13px; }
        th, td { border: 1px solid #dde; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #eef1f5; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        code, .id { font-family: ui-monospace, Menlo, Consolas, monospace; }
        .empty { color: #667; font-style: italic; }
        .badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px; margin-left: 4px; background: #e3e8f0; }
        .badge.head { background: #1a4fa0; color: #fff; }
        .badge.current { background: #2e8b3a; color: #fff; }
        .severity-error { color: #b00020; font-weight: bold; }
        .severity-warning { color: #9a6700; font-weight: bold; }
        .severity-note { color: #1a4fa0; }
        .problem { background: #fff0f0; border: 1px solid #e0a0a0; padding: 8px; white-space: pre-wrap; }
        .legend span { margin-right: 14px; font-size: 13px; }
        .swatch { display: inline-block; width: 14px; height: 10px; border: 1px solid #334; vertical-align: middle; margin-right: 4px; }
        .graph { overflow: auto; background: #fff; border: 1px solid #dde; padding: 8px; }
        """;

    public static string Wrap(string title, string body)
    {
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(E(title)).Append("</title>\n");
        page.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n").Append(body).Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>What the graph's colours and borders mean.</summary>
    public static string Legend(bool withDatabase) =>
        "<p class=\"legend\"><span><span class=\"swatch\" style=\"border: 3px solid #1a4fa0\"></span>head</span>" +
        (withDatabase
            ? "<span><span class=\"swatch\" style=\"background: #c8f0c8\"></span>current (the database is at it)</span>" +
              "<span><span class=\"swatch\" style=\"background: #fff8e0\"></span>pending</span>"
            : "") +
        "<span>dashed arrow: depends on</span></p>\n";

    public static string E(string s) => WebUtility.HtmlEncode(s);
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Retort.Specification.Lint;
using Retort.Specification.Support;
using Retort.Sqlite;

namespace Retort.Cli.Tests;

/// <summary>
/// <c>retort graph</c> (Mermaid, DOT, and a page drawn with its own layout) and <c>retort report --html</c>, on a real
/// SQLite database with a branch, a merge, a label, a data step stopped part way and a lint finding; both pages are
/// rendered in headless Chromium and what is on them is read back from the browser's DOM.
/// </summary>
public sealed partial class PicturesTests
{
    private static readonly string Scheme = LintTestDialect.Register(new SqliteDialect());

    // Measures every drawn revision in the browser and writes the boxes into the page, so the dumped DOM holds the layout.
    private const string Probe = """
        <script>
        const svg = document.querySelector('svg.revision-graph').getBoundingClientRect();
        const nodes = [...document.querySelectorAll('svg.revision-graph g[data-revision]')].map(g => {
          const r = g.querySelector('rect').getBoundingClientRect();
          return { id: g.dataset.revision, cls: g.getAttribute('class'), x: r.x, y: r.y, w: r.width, h: r.height,
                   text: [...g.querySelectorAll('text')].map(t => t.textContent).join(' | '),
                   textWidth: Math.max(...[...g.querySelectorAll('text')].map(t => t.getComputedTextLength())) };
        });
        const edges = [...document.querySelectorAll('svg.revision-graph path.edge')].map(p => ({ from: p.dataset.from, to: p.dataset.to, length: p.getTotalLength() }));
        const pre = document.createElement('pre');
        pre.id = 'probe';
        pre.textContent = JSON.stringify({ svg: { w: svg.width, h: svg.height }, nodes, edges });
        document.body.appendChild(pre);
        </script>
        """;

    [Fact]
    public async Task Graph_and_report_pages_show_the_revisions_heads_current_history_and_findings_in_a_browser()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        // The lint test dialect (rule RT901 for CREATE INDEX) over SQLite, at an absolute path.
        var url = $"{Scheme}:///{Path.Combine(env, "app.db")}";
        var config = Path.Combine(env, "retort.json");
        File.WriteAllText(config, Regex.Replace(File.ReadAllText(config), @"""url"":\s*""[^""]*""", $"\"url\": \"{url}\""));
        var create = await SqlEnvironment.RevisionAsync(env, "create items",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, v TEXT NOT NULL, w TEXT CHECK (w IS NULL OR w <> 'ITEM 500'));\n" +
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 700) INSERT INTO items (id, v) SELECT i, 'item ' || i FROM s;",
            "DROP TABLE items;");
        // Fails on row 500, after four batches of 100 committed: a data step in progress.
        var fill = await SqlEnvironment.RevisionAsync(env, "fill w",
            "-- retort:batched batch-size=100 target-ms=0\nUPDATE items SET w = upper(v) WHERE w IS NULL;", "UPDATE items SET w = NULL;");
        var side = await SqlEnvironment.RevisionAsync(env, "side table", "CREATE TABLE side (id INTEGER);", "DROP TABLE side;",
            "--head", create, "--splice", "--branch-label", "side");
        var mergeOut = await CliRunner.OkAsync(env, "merge", "heads", "-m", "join side");
        var merge = MergeId().Match(mergeOut).Groups[1].Value;
        Assert.NotEqual("", merge);
        var index = await SqlEnvironment.RevisionAsync(env, "index items", "CREATE INDEX ix_items_v ON items (v);", "DROP INDEX ix_items_v;");

        await CliRunner.OkAsync(env, "upgrade", side);
        var stopped = await CliRunner.RunAsync(env, "upgrade", fill);
        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        Assert.Equal(400, Scalar(env, "SELECT count(*) FROM items WHERE w IS NOT NULL"));

        // Text formats, without a browser.
        var mermaid = await CliRunner.OkAsync(env, "graph");
        Assert.StartsWith("flowchart TD", mermaid);
        Assert.Contains($"[\"{index}<br/>(head)<br/>index items\"]", mermaid);
        var mergeNode = Regex.Match(mermaid, $@"(r\d+)\[""{merge}<br/>").Groups[1].Value;
        Assert.Equal(2, Regex.Matches(mermaid, $@" --> {mergeNode}\n").Count); // the merge has two parents
        var dot = await CliRunner.OkAsync(env, "graph", "--format", "dot", "--url", url);
        Assert.StartsWith("digraph revisions {", dot);
        Assert.Contains($"\"{create}\" -> \"{fill}\";", dot);
        Assert.Contains($"\"{index}\" [label=\"{index}\\n(head)\\nindex items\", penwidth=3];", dot);
        Assert.Contains($"\"{side}\" [label=\"{side}\\n(side) (current)\\nside table\", style=\"rounded,filled\", fillcolor=\"#c8f0c8\"];", dot);

        var svg = await CliRunner.OkAsync(env, "graph", "--format", "svg");
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.Equal(5, Regex.Matches(svg, @"<g class=""node[^""]*"" data-revision=").Count);
        Assert.Contains($"<g class=\"node head\" data-revision=\"{index}\"", svg);
        var noFormat = await CliRunner.RunAsync(env, "report");
        Assert.Equal(1, noFormat.ExitCode);
        Assert.Contains("needs --html", noFormat.Error);

        // The pages, rendered in Chromium.
        var graphPage = Path.Combine(dir.Path, "graph.html");
        var reportPage = Path.Combine(dir.Path, "report.html");
        Assert.Contains("Wrote", await CliRunner.OkAsync(env, "graph", "--format", "html", "--output", graphPage, "--url", url));
        Assert.Contains("Wrote", await CliRunner.OkAsync(env, "report", "--html", "--output", reportPage));
        foreach (var page in new[] { graphPage, reportPage })
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
            Assert.DoesNotContain("https://", html);
        }

        var graphDom = await RenderAsync(dir, graphPage);
        var layout = Layout(graphDom);
        Assert.Equal(new[] { create, fill, side, merge, index }.Order(StringComparer.Ordinal), layout.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal));
        AssertLaidOut(layout);
        Assert.Contains("head", Node(layout, index).Class.Split(' '));
        Assert.Contains("(head)", Node(layout, index).Text);
        Assert.Contains("current", Node(layout, side).Class.Split(' '));
        Assert.Contains("(side)", Node(layout, side).Text);
        Assert.Contains("(current)", Node(layout, side).Text);
        Assert.Contains("merge", Node(layout, merge).Class.Split(' '));
        Assert.Contains("(mergepoint)", Node(layout, merge).Text);
        Assert.Contains("(branchpoint)", Node(layout, create).Text);
        Assert.Contains("pending", Node(layout, fill).Class.Split(' '));
        Assert.DoesNotContain("head", Node(layout, merge).Class.Split(' '));
        // Parents above children, an arrow for each parent (two into the merge).
        Assert.True(Node(layout, create).Y < Node(layout, fill).Y && Node(layout, fill).Y < Node(layout, merge).Y && Node(layout, merge).Y < Node(layout, index).Y);
        Assert.Equal(5, layout.Edges.Count);
        Assert.Equal(2, layout.Edges.Count(e => e.To == merge));
        Assert.All(layout.Edges, e => Assert.True(e.Length > 10, $"{e.From} -> {e.To} is {e.Length} long"));
        Assert.Contains("the database at " + side, Text(graphDom));

        var reportDom = await RenderAsync(dir, reportPage);
        AssertLaidOut(Layout(reportDom));
        var report = Text(reportDom);
        Assert.Contains($"At {side}", report);
        Assert.Contains("3 of 5 revision(s) pending", report);
        // The data step stopped part way: four batches of 100 rows kept.
        Assert.Matches($@"{fill}\s*upgrade\s*\d+\s*1\s*400\s*run upgrade again to resume", Plain(Section(reportDom, "in-progress")));
        var pending = Regex.Matches(Section(reportDom, "pending"), @"<tr><td class=""id""><span class=""id"">([^<]+)</span>").Select(m => m.Groups[1].Value);
        Assert.Equal([fill, merge, index], pending);
        // The lint finding of the pending index, with its rule and the safe way.
        Assert.Matches($@"error\s*RT901 test: index built without CONCURRENTLY\s*{index}", Plain(Section(reportDom, "lint")));
        Assert.Contains("Build it with CONCURRENTLY.", Plain(Section(reportDom, "lint")));
        // The history, newest first, with durations: the side branch's two upgrades.
        var history = Regex.Matches(Section(reportDom, "history"), @"<tr class=""run"">(.*?)</tr>", RegexOptions.Singleline).Select(m => Plain(m.Groups[1].Value)).ToList();
        Assert.Equal(2, history.Count);
        Assert.Matches($@"^2\s*{side}\s*upgrade\s*\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\s*\d+ ms\s*side table$", history[0]);
        Assert.Matches($@"^1\s*{create}\s*upgrade\s*.*\d+ ms\s*create items$", history[1]);
    }

    private sealed record Box(string Id, string Class, double X, double Y, double W, double H, string Text, double TextWidth);

    private sealed record Edge(string From, string To, double Length);

    private sealed record Drawing(double Width, double Height, IReadOnlyList<Box> Nodes, IReadOnlyList<Edge> Edges);

    private static Box Node(Drawing d, string id) => d.Nodes.Single(n => n.Id == id);

    // Every box drawn with a size, inside the drawing, its text inside it, and no two boxes overlapping.
    private static void AssertLaidOut(Drawing d)
    {
        Assert.NotEmpty(d.Nodes);
        foreach (var n in d.Nodes)
        {
            Assert.True(n.W > 100 && n.H > 30, $"{n.Id}: {n.W}x{n.H}");
            Assert.True(n.TextWidth > 10 && n.TextWidth < n.W, $"{n.Id}: text {n.TextWidth} wide in a box {n.W} wide");
        }
        foreach (var a in d.Nodes)
            foreach (var b in d.Nodes.Where(b => string.CompareOrdinal(a.Id, b.Id) < 0))
                Assert.False(a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H, $"{a.Id} and {b.Id} overlap");
        Assert.True(d.Width >= d.Nodes.Max(n => n.W) && d.Height >= d.Nodes.Max(n => n.H) * 4);
    }

    private static Drawing Layout(string dom)
    {
        var json = WebUtility.HtmlDecode(Regex.Match(dom, @"<pre id=""probe"">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value);
        Assert.True(json.Length > 0, "The probe found nothing on the page:\n" + dom);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new Drawing(root.GetProperty("svg").GetProperty("w").GetDouble(), root.GetProperty("svg").GetProperty("h").GetDouble(),
            root.GetProperty("nodes").EnumerateArray().Select(n => new Box(n.GetProperty("id").GetString()!, n.GetProperty("cls").GetString()!,
                n.GetProperty("x").GetDouble(), n.GetProperty("y").GetDouble(), n.GetProperty("w").GetDouble(), n.GetProperty("h").GetDouble(),
                n.GetProperty("text").GetString()!, n.GetProperty("textWidth").GetDouble())).ToList(),
            root.GetProperty("edges").EnumerateArray().Select(e => new Edge(e.GetProperty("from").GetString()!, e.GetProperty("to").GetString()!,
                e.GetProperty("length").GetDouble())).ToList());
    }

    // The page's HTML from one <h2 id="..."> to the next heading.
    private static string Section(string dom, string id)
    {
        var match = Regex.Match(dom, $@"<h2 id=""{id}"">.*?(?=<h2 |<pre id=""probe"")", RegexOptions.Singleline);
        Assert.True(match.Success, $"No section {id} on the page");
        return match.Value;
    }

    private static string Text(string html) => Plain(Regex.Replace(html, @"<(script|style)\b.*?</\1>", "", RegexOptions.Singleline));

    private static string Plain(string html) => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ")).Trim();

    /// <summary>Loads the page (with the probe added) in headless Chromium and returns the DOM after its scripts ran.</summary>
    private static async Task<string> RenderAsync(TempDir dir, string page)
    {
        var probed = Path.ChangeExtension(page, ".probed.html");
        File.WriteAllText(probed, File.ReadAllText(page).Replace("</body>", Probe + "</body>"));
        var chromium = new[] { "chromium", "chromium-browser" }
            .Select(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(p => Path.Combine(p, name)).FirstOrDefault(File.Exists))
            .FirstOrDefault(p => p is not null);
        Assert.True(chromium is not null, "Chromium is not installed: the page test renders in Debian's headless chromium (apt-get install chromium; .ci/run installs it).");
        var start = CliRunner.StartInfo(dir.Path, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
            "--user-data-dir=" + Path.Combine(dir.Path, "chromium-profile"), "--window-size=1400,1000", "--dump-dom", new Uri(probed).AbsoluteUri);
        var (code, output, error) = await TestProcess.RunAsync(start, TimeSpan.FromSeconds(120));
        Assert.True(code == 0 && output.Contains("id=\"probe\"", StringComparison.Ordinal), $"chromium exited {code}:\n{error}\n{output}");
        return output;
    }

    private static long Scalar(string env, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(env, "app.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [GeneratedRegex(@"Merge revision ([0-9a-z_]+) joins")]
    private static partial Regex MergeId();
}

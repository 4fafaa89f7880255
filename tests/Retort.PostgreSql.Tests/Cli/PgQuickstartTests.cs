using Quickstart;
using Retort.Cli;
using Retort.Specification.Cli;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests.Cli;

/// <summary>The quickstart sample's revisions (loaded from its assembly) upgraded and downgraded on PostgreSQL.</summary>
public sealed class PgQuickstartTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private async Task<CliResult> RunAsync(string directory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RetortCommandLine.RunAsync(["--url", db.Url, .. args], new RetortCommandLineOptions
        {
            RevisionsAssembly = typeof(AppSchema).Assembly,
            AfterChange = FinalState.PrintAsync,
            Out = output,
            Error = error,
            WorkingDirectory = directory,
            GetEnvironmentVariable = _ => null,
        });
        var result = new CliResult(code, output.ToString(), error.ToString());
        Assert.True(code == 0, $"quickstart {string.Join(' ', args)} failed: {result}");
        return result;
    }

    [PgFact]
    public async Task Quickstart_upgrades_downgrades_and_upgrades_again()
    {
        using var dir = new TempDir();
        var up = await RunAsync(dir.Path, "upgrade", "head");
        Assert.Equal(4, up.Out.Split('\n').Count(l => l.StartsWith("Running upgrade", StringComparison.Ordinal)));
        Assert.Contains("move legacy_order into order_line ... done", up.Out);
        Assert.Contains("customer (id, full_name, email)", up.Out);
        Assert.Contains("order_line (id, customer_id, item, amount_cents)", up.Out);
        Assert.Contains("1 | 1 | analytical engine | 184300", up.Out);
        Assert.Contains("2 | 2 | bombe | 193950", up.Out);
        Assert.DoesNotContain("legacy_order (", up.Out);

        // Back over the C# data move: the rows return to legacy_order with their amounts.
        var back = await RunAsync(dir.Path, "downgrade", "3c4d5e6f7a8b");
        Assert.Contains("legacy_order (id, customer_name, item, amount)", back.Out);
        Assert.Contains("3 | Ada Lovelace | punched cards | 12.25", back.Out);
        Assert.DoesNotContain("order_line (", back.Out);

        await RunAsync(dir.Path, "downgrade", "base");
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname IN ('customer', 'legacy_order', 'order_line')"));
        var again = await RunAsync(dir.Path, "upgrade", "head");
        Assert.Contains("1 | 1 | analytical engine | 184300", again.Out);
        Assert.Contains("4d5e6f7a8b9c (head)", (await RunAsync(dir.Path, "current")).Out);
    }
}

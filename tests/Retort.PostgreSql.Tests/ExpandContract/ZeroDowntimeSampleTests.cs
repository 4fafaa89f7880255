using Retort.Cli;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Cli;
using ZeroDowntime;

namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>
/// The zero-downtime sample (samples/ZeroDowntime) as docs/zero-downtime.md walks through it: its revisions run by its
/// own command line, its two application versions writing and reading through their versions' views between the
/// steps, on PostgreSQL.
/// </summary>
public sealed class ZeroDowntimeSampleTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private async Task<CliResult> RetortAsync(string directory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RetortCommandLine.RunAsync(["--url", db.Url, .. args], new RetortCommandLineOptions
        {
            RevisionsAssembly = typeof(CustomerApp).Assembly,
            Out = output,
            Error = error,
            WorkingDirectory = directory,
            GetEnvironmentVariable = _ => null,
        });
        var result = new CliResult(code, output.ToString(), error.ToString());
        Assert.True(code == 0, $"retort {string.Join(' ', args)} failed: {result}");
        return result;
    }

    [PgFact]
    public async Task The_old_and_the_new_version_write_through_the_expand_and_the_new_one_after_complete()
    {
        using var dir = new TempDir();
        var v1 = new CustomerApp(db.Database, 1);
        var v2 = new CustomerApp(db.Database, 2);

        // Version 1 runs on the table before the online revision.
        await RetortAsync(dir.Path, "upgrade", "5a1e0c0de001");
        var ada = await v1.AddAsync("Ada Lovelace", "ada@example.com");
        var alan = await v1.AddAsync("Alan Turing", null);

        // Expand: both versions read and write, each in its own shape, and see each other's writes.
        await RetortAsync(dir.Path, "upgrade", "head");
        var current = (await RetortAsync(dir.Path, "current")).Out;
        Assert.Contains("5a1e0c0de002 (expanded, waiting for complete", current);
        Assert.Contains($"views are in {v1.VersionSchema}, the new version's in {v2.VersionSchema}", current);
        var grace = await v1.AddAsync("Grace Hopper", null);
        var edsger = await v2.AddAsync("Edsger Dijkstra", "ewd@example.com");
        await v2.RenameAsync(ada, "Augusta Ada King");
        await v1.RenameAsync(edsger, "E. W. Dijkstra");
        (long, string)[] expected = [(ada, "Augusta Ada King"), (alan, "Alan Turing"), (grace, "Grace Hopper"), (edsger, "E. W. Dijkstra")];
        Assert.Equal(expected, await v1.ListAsync());
        Assert.Equal(expected, await v2.ListAsync());
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM information_schema.views WHERE table_schema = '{v1.VersionSchema}' AND table_name = 'customer'"));

        // Version 1 is gone: complete renames the column itself; version 2 goes on, and every write is there.
        await RetortAsync(dir.Path, "complete");
        await v2.RenameAsync(alan, "Alan M. Turing");
        expected[1] = (alan, "Alan M. Turing");
        Assert.Equal(expected, await v2.ListAsync());
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM pg_namespace WHERE nspname = '{v1.VersionSchema}'"));
        Assert.Equal(["id", "full_name", "email"], (await db.QueryAsync(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'customer' ORDER BY ordinal_position")).Select(r => (string)r[0]!));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'public.customer'::regclass AND NOT tgisinternal"));
    }
}

using System.Data.Common;
using Retort.Connections;
using Retort.Dialects;
using Retort.Runner;
using Retort.Runner.Linting;
using Retort.Schema;

namespace Retort.Commands;

public sealed partial class MigrationCommands
{
    /// <summary>
    /// Lints the pending revisions as the gate in <c>upgrade</c> does, without running anything: with
    /// <see cref="LintArguments.UseDatabase"/> the revisions an upgrade of that database would run, with its live
    /// statistics; otherwise, without touching any database, every revision from base (or from
    /// <see cref="LintArguments.From"/>) to the target, for the dialect the configured URL names.
    /// </summary>
    /// <exception cref="RetortException">Could not lint: no dialect known, a bad target, a broken revision or allowance, an unreachable database.</exception>
    public async Task<LintResult> LintAsync(LintArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.UseDatabase && arguments.From is not null)
            throw new RetortException("--from and --url do not go together: with a database, lint starts where the database is. " +
                "Leave out --url to lint from --from without a database, or leave out --from.");
        if ((arguments.Verify || arguments.ShadowUrl is not null) && !arguments.UseDatabase)
            throw new RetortException("--verify runs the plan of a database on a shadow copy of it, and no database is given. Pass --url (or set RETORT_URL) " +
                "to name the database whose pending revisions to verify.");
        if (arguments.ShadowUrl is not null && !arguments.Verify)
            throw new RetortException("--shadow-url names the shadow database of --verify; add --verify, or leave out --shadow-url.");
        if (Config.Url is null && Config.Environment?.Config.Url is null)
            throw new RetortException("Lint needs to know which database product the revisions are for, and no URL is configured. Put \"url\" in " +
                "retort.json (without --url it only names the dialect; nothing is opened), or pass --url to lint against that database.");
        // Opening does not connect: without UseDatabase the URL only says which database product the rules are for.
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
        var options = new LintOptions { Allow = arguments.Allow };
        if (arguments.Verify) return new LintResult(await VerifyAsync(database, migrator, arguments, options, cancellationToken), database.DisplayName);
        var report = arguments.UseDatabase
            ? await migrator.LintLiveAsync(arguments.Target, options, cancellationToken)
            : migrator.Lint(arguments.Target, arguments.From, options);
        return new LintResult(report, arguments.UseDatabase ? database.DisplayName : null);
    }

    // The shadow: the one --shadow-url names (never the target), or a scratch database next to the target made from
    // its reflected tables and dropped afterwards, also when anything fails. The target is only read.
    private static async Task<LintReport> VerifyAsync(Database database, Migrator migrator, LintArguments arguments, LintOptions options, CancellationToken ct)
    {
        if (!database.Dialect.Lint.CanVerify)
            throw new RetortException($"lint --verify is for PostgreSQL only: it reads the locks each statement takes from the server, which " +
                $"{database.Dialect.Name} cannot report. Leave out --verify to lint this database.");
        var schema = await database.ReflectAsync(cancellationToken: ct);
        if (arguments.ShadowUrl is { } shadowUrl)
        {
            await using var shadow = Database.Open(shadowUrl);
            if (shadow.Dialect.Name != database.Dialect.Name)
                throw new RetortException($"The shadow database ({shadow.DisplayName}) is {shadow.Dialect.Name} and the target is {database.Dialect.Name}: " +
                    "--shadow-url must name a database of the same product, holding the target's schema.");
            bool same;
            try { same = await database.Dialect.Lint.SameDatabaseAsync(database.ConnectionString, shadow.ConnectionString, ct); }
            catch (DbException e)
            {
                throw new RetortException($"Could not reach the shadow database ({shadow.DisplayName}) or the target to tell them apart: {e.Message} " +
                    "Check --shadow-url and --url.", e);
            }
            if (same)
                throw new RetortException($"--shadow-url names the target database itself ({shadow.DisplayName}); --verify runs the plan's statements on " +
                    "the shadow, so it must be a separate copy of the schema. Leave out --shadow-url to use a scratch database, or name another database.");
            return await migrator.LintVerifyAsync(arguments.Target, shadow.ConnectionString, shadow.DisplayName, scratch: false, schema, options, ct);
        }
        ScratchDatabase scratch;
        try { scratch = await database.CreateScratchAsync(ct); }
        catch (DbException e)
        {
            throw new RetortException($"Could not make the scratch shadow database next to {database.DisplayName}: {e.Message} The user needs the " +
                "CREATEDB privilege; or make a copy of the schema yourself and pass it with --shadow-url.", e);
        }
        try
        {
            await using var shadow = Database.Open(scratch.ConnectionString, database.Dialect);
            var metadata = new MetaData();
            foreach (var table in schema) metadata.Add(table);
            try { await metadata.CreateAllAsync(shadow, checkFirst: false, ct); }
            catch (Exception e) when (e is DbException or RetortException)
            {
                throw new RetortException($"Could not copy the schema of {database.DisplayName} into the scratch shadow database: {e.Message} " +
                    "Make a schema-only copy yourself (pg_dump --schema-only) and pass it with --shadow-url.", e);
            }
            var builder = new DbConnectionStringBuilder { ConnectionString = scratch.ConnectionString };
            var name = builder.TryGetValue("Database", out var value) ? $"scratch database {value}" : "a scratch database";
            return await migrator.LintVerifyAsync(arguments.Target, scratch.ConnectionString, $"{name}, made from the target's schema and dropped afterwards",
                scratch: true, schema, options, ct);
        }
        finally
        {
            await scratch.Remove();
        }
    }
}

using Retort.Connections;
using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.Lint;

/// <summary>
/// <see cref="Migrator.LintVerifyAsync"/> on a C# revision: each operation is compiled as <c>upgrade</c> compiles it (a
/// plain index with <c>online: false</c>, the concurrent recipe by default) and observed on the shadow, never on the target.
/// </summary>
public sealed class LintVerifyOperationsTests
{
    [PgFact]
    public async Task Operations_are_compiled_as_upgrade_sends_them_and_observed_on_the_shadow_only()
    {
        const string Setup = "CREATE TABLE accounts (id integer PRIMARY KEY, email text NOT NULL)";
        await using var target = await PgDatabase.CreateAsync();
        await target.ExecAsync(Setup + "; INSERT INTO accounts SELECT g, 'u' || g FROM generate_series(1, 20) g");
        await using var shadow = await PgDatabase.CreateAsync();
        await shadow.ExecAsync(Setup);
        await using var database = Database.Open(target.Url);
        var migrator = new Migrator(database, new RevisionSet([new Revision(RevisionInfo.Create("r1", null, "index"), new InlineScript(op =>
        {
            op.CreateIndex("ix_accounts_email", "accounts", ["email"], online: false);
            op.CreateIndex("ix_accounts_id_email", "accounts", ["id", "email"]);
            op.AddColumn("accounts", new Column("note", SqlType.Text));
        }))]));

        var report = await migrator.LintVerifyAsync("head", shadow.ConnectionString, "shadow", scratch: false, schema: [], cancellationToken: default);

        var verification = report.Verification!;
        Assert.Null(verification.Failure);
        var sent = string.Join("\n", verification.Statements.Select(s => s.Sql));
        var plain = verification.Statements.SingleOrDefault(s => s.Sql.Contains("ix_accounts_email", StringComparison.Ordinal) && !s.Sql.Contains("CONCURRENTLY", StringComparison.Ordinal));
        Assert.True(plain is not null, sent);
        Assert.Equal(0, plain.OperationIndex);
        Assert.True(plain.Observed!.InTransaction);
        Assert.Equal("ShareLock", plain.Observed.For("accounts")!.StrongestMode);
        Assert.Contains(plain.Claims, c => c.Finding.Rule.Id == "RT011" && c.Agrees);
        Assert.Equal("CREATE INDEX \"ix_accounts_email\" ON \"accounts\" (\"email\")", plain.Sql);
        var concurrent = verification.Statements.Single(s => s.Sql.Contains("CONCURRENTLY", StringComparison.Ordinal) && s.Sql.Contains("ix_accounts_id_email", StringComparison.Ordinal));
        Assert.Equal(1, concurrent.OperationIndex);
        Assert.False(concurrent.Observed!.InTransaction);
        Assert.Equal("ShareUpdateExclusiveLock", concurrent.Observed.For("accounts")!.StrongestMode);
        var added = verification.Statements.Single(s => s.Sql.Contains("ADD COLUMN", StringComparison.Ordinal) && s.Sql.Contains("note", StringComparison.Ordinal));
        Assert.Equal("AccessExclusiveLock", added.Observed!.For("accounts")!.StrongestMode);
        Assert.Empty(verification.Differences);

        Assert.Equal(3L, await shadow.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE tablename = 'accounts'"));
        Assert.Equal(1L, await target.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE tablename = 'accounts'"));
        Assert.Equal(0L, await target.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'note'"));
        Assert.Equal(0L, await target.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'retort_version'"));
    }
}

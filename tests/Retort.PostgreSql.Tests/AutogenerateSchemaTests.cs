using Retort.Autogenerate;
using Retort.Specification.Support;
using Retort.Migrations;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;

namespace Retort.PostgreSql.Tests;

/// <summary>Autogenerate creates a schema the target names but the database lacks, before the tables in it.</summary>
public sealed class AutogenerateSchemaTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [PgFact]
    public async Task A_missing_schema_is_created_first_and_check_is_then_clean()
    {
        var target = new MetaData(schema: "sales");
        _ = new Table("invoice", target, new Column("id", SqlType.Integer, primaryKey: true), new Column("total", SqlType.Numeric(12, 2))) { Comment = "issued invoices" };
        await using var database = db.Open();

        var diff = await Autogenerator.CompareAsync(database, target);
        Assert.Equal(["create schema sales", "create table sales.invoice"], diff.Operations.Select(o => o.Describe()));

        var migrator = new Migrator(database, new RevisionSet([new Revision(RevisionInfo.Create("s1", null, "sales"),
            new InlineScript(op => { foreach (var o in diff.Operations) op.Add(o); }))]));
        await migrator.UpgradeAsync();
        Assert.True((await Autogenerator.CompareAsync(database, target)).IsEmpty);
        Assert.Equal("issued invoices", (await database.ReflectTableAsync("invoice", "sales"))!.Comment);

        await migrator.DowngradeAsync("base");
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'sales'"));
    }
}

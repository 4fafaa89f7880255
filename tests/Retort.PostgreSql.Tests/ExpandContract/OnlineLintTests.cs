using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>
/// The lint gate blocks a plain rename, drop or type change of an existing table and points to the online operation;
/// the online operations themselves lint clean.
/// </summary>
public sealed class OnlineLintTests
{
    // Linting without a database reads no connection: a PostgreSQL database that is never opened.
    private static Connections.Database Offline() => Connections.Database.Open("postgresql://retort@127.0.0.1:1/none");

    [Theory]
    [MemberData(nameof(OnlineCase.Names), MemberType = typeof(OnlineCase))]
    public async Task Online_operations_lint_clean(string name)
    {
        await using var database = Offline();
        var report = new Migrator(database, OnlineCase.All[name].Revisions()).Lint("r2", from: "r1");
        Assert.True(report.Findings.Count == 0, string.Join("\n", report.Findings.Select(f => $"{f.Rule.Id}: {f.Message}")));
    }

    [Theory]
    [InlineData("RT001", "op.Online.DropColumn")]
    [InlineData("RT002", "op.Online.RenameColumn")]
    [InlineData("RT003", "op.Online.RenameTable")]
    [InlineData("RT015", "op.Online.AlterColumnType")]
    public async Task A_blocked_plain_change_points_to_its_online_operation(string rule, string online)
    {
        Action<Op> plain = rule switch
        {
            "RT001" => op => op.DropColumn("accounts", "note"),
            "RT002" => op => op.AlterColumn("accounts", "amount", newColumnName: "balance"),
            "RT003" => op => op.RenameTable("accounts", "ledger"),
            _ => op => op.AlterColumn("accounts", "amount", type: SqlType.BigInteger, existingType: SqlType.Integer),
        };
        await using var database = Offline();
        var revisions = new RevisionSet(
        [
            new Revision(RevisionInfo.Create("r1", null), new InlineScript(op => op.Execute(OnlineCase.Setup))),
            new Revision(RevisionInfo.Create("r2", "r1"), new InlineScript(plain)),
        ]);
        var finding = Assert.Single(new Migrator(database, revisions).Lint("r2", from: "r1").Blocking, f => f.Rule.Id == rule);
        Assert.Contains(online, finding.Rule.SafeAlternative + "\n" + finding.Rule.SafeExample);
        Assert.Contains("retort complete", finding.Rule.SafeAlternative + "\n" + finding.Rule.SafeExample);
    }
}

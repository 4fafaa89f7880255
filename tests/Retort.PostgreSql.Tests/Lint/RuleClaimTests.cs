using Retort.PostgreSql.Lint;

namespace Retort.PostgreSql.Tests.Lint;

/// <summary>A rule's claim against an observation: each way of disagreeing is named, agreement gives nothing.</summary>
public sealed class RuleClaimTests
{
    private static readonly Version Pg15 = new(15, 0);

    [Fact]
    public void Agrees_when_mode_rewrite_and_scan_match()
    {
        var observed = new RelationObservation("public", "accounts", ["AccessShareLock", "ShareLock"], Rewritten: false, Scans: 1);
        Assert.Null(RuleClaim.Disagreement(PostgreSqlRules.IndexWithoutConcurrently, "accounts", observed, Pg15));
    }

    [Fact]
    public void Names_a_weaker_or_stronger_lock_than_claimed()
    {
        var observed = new RelationObservation("public", "accounts", ["AccessExclusiveLock"], Rewritten: false, Scans: 1);
        var message = RuleClaim.Disagreement(PostgreSqlRules.IndexWithoutConcurrently, "accounts", observed, Pg15);
        Assert.NotNull(message);
        Assert.Contains("RT011 claims ShareLock on accounts", message, StringComparison.Ordinal);
        Assert.Contains("AccessExclusiveLock", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_a_missing_rewrite_and_a_missing_scan()
    {
        var noRewrite = new RelationObservation("public", "accounts", ["AccessExclusiveLock"], Rewritten: false, Scans: 1);
        Assert.Contains("rewritten", RuleClaim.Disagreement(PostgreSqlRules.TypeChangeRewrite, "accounts", noRewrite, Pg15), StringComparison.Ordinal);
        var noScan = new RelationObservation("public", "accounts", ["AccessExclusiveLock"], Rewritten: false, Scans: 0);
        Assert.Contains("scanned", RuleClaim.Disagreement(PostgreSqlRules.CheckWithoutNotValid, "accounts", noScan, Pg15), StringComparison.Ordinal);
    }

    [Fact]
    public void Expects_a_hazard_gone_in_a_version_to_be_absent_there()
    {
        var noRewrite = new RelationObservation("public", "accounts", ["AccessExclusiveLock"], Rewritten: false, Scans: 0);
        Assert.Null(RuleClaim.Disagreement(PostgreSqlRules.DefaultBeforeVersion11, "accounts", noRewrite, Pg15));
        Assert.NotNull(RuleClaim.Disagreement(PostgreSqlRules.DefaultBeforeVersion11, "accounts", noRewrite, new Version(10, 0)));
    }

    [Fact]
    public void Names_a_statement_that_did_nothing_to_the_relation()
    {
        Assert.Contains("nothing", RuleClaim.Disagreement(PostgreSqlRules.Truncate, "accounts", null, Pg15), StringComparison.Ordinal);
    }
}

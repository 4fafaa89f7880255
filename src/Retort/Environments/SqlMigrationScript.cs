using Retort.Migrations;
using Retort.Operations;
using Retort.Sql;

namespace Retort.Environments;

/// <summary>
/// A revision's plans read from a <c>.sql</c> file: one <see cref="ExecuteSqlOperation"/> per statement, or a
/// <see cref="BackfillOperation"/> for an <c>UPDATE</c> after a <c>-- retort:batched</c> line; a statement after a
/// <c>-- retort:no-transaction</c> line is marked to run outside the revision's transaction.
/// </summary>
public sealed class SqlMigrationScript : IMigrationScript
{
    private readonly Lazy<IReadOnlyList<string>> _upgradeStatements;
    private readonly Lazy<IReadOnlyList<string>>? _downgradeStatements;
    // How many '-- retort:batched' lines each section holds, counted when a plan is built, as statements are split.
    private readonly Lazy<int> _upgradeDirectives;
    private readonly Lazy<int> _downgradeDirectives;
    // The same for '-- retort:no-transaction' lines.
    private readonly Lazy<int> _upgradeOutside;
    private readonly Lazy<int> _downgradeOutside;
    // The same for '-- retort:online' lines.
    private readonly Lazy<int> _upgradeOnline;
    private readonly Lazy<int> _downgradeOnline;

    /// <summary>Creates the script from already split statements; a null downgrade makes it irreversible.</summary>
    public SqlMigrationScript(string source, IReadOnlyList<string> upgrade, IReadOnlyList<string>? downgrade)
    {
        Source = source;
        _upgradeStatements = new(upgrade);
        _downgradeStatements = downgrade is null ? null : new(downgrade);
        _upgradeDirectives = new(() => upgrade.Sum(SqlBackfillDirective.Count));
        _downgradeDirectives = new(() => downgrade?.Sum(SqlBackfillDirective.Count) ?? 0);
        _upgradeOutside = new(() => upgrade.Sum(SqlNoTransactionDirective.Count));
        _downgradeOutside = new(() => downgrade?.Sum(SqlNoTransactionDirective.Count) ?? 0);
        _upgradeOnline = new(() => upgrade.Sum(SqlOnlineDirective.Count));
        _downgradeOnline = new(() => downgrade?.Sum(SqlOnlineDirective.Count) ?? 0);
    }

    /// <summary>
    /// Creates the script from the sections' text, split into statements only when a plan is built: status
    /// commands over hundreds of revisions never pay for it.
    /// </summary>
    public SqlMigrationScript(string source, string upgradeText, string? downgradeText)
    {
        Source = source;
        _upgradeStatements = new(() => SqlSplitter.Split(upgradeText));
        _downgradeStatements = downgradeText is null ? null : new(() => SqlSplitter.Split(downgradeText));
        _upgradeDirectives = new(() => SqlBackfillDirective.Count(upgradeText));
        _downgradeDirectives = new(() => downgradeText is null ? 0 : SqlBackfillDirective.Count(downgradeText));
        _upgradeOutside = new(() => SqlNoTransactionDirective.Count(upgradeText));
        _downgradeOutside = new(() => downgradeText is null ? 0 : SqlNoTransactionDirective.Count(downgradeText));
        _upgradeOnline = new(() => SqlOnlineDirective.Count(upgradeText));
        _downgradeOnline = new(() => downgradeText is null ? 0 : SqlOnlineDirective.Count(downgradeText));
    }


    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public string OutsideTransactionAdvice(bool up) =>
        $"Put a '{SqlRevisionFile.Marker}{SqlNoTransactionDirective.Name}' line right before the statement in the {(up ? "upgrade" : "downgrade")} section";

    /// <inheritdoc />
    public string? IrreversibleReason => _downgradeStatements is null
        ? $"the file has no '{SqlRevisionFile.Marker}downgrade' section"
        : null;

    /// <summary>The upgrade statements.</summary>
    public IReadOnlyList<string> UpgradeStatements => _upgradeStatements.Value;

    /// <summary>The downgrade statements, or null when the file has no downgrade section.</summary>
    public IReadOnlyList<string>? DowngradeStatements => _downgradeStatements?.Value;

    /// <inheritdoc />
    public void BuildUpgrade(Op op) => Build(op, _upgradeStatements.Value, _upgradeDirectives.Value, _upgradeOutside.Value, _upgradeOnline.Value, "upgrade");

    /// <inheritdoc />
    public void BuildDowngrade(Op op)
    {
        if (_downgradeStatements is null)
            throw new RetortException($"Revision file {Source} cannot be downgraded: {IrreversibleReason}.");
        // An empty section is a downgrade nobody wrote yet: running it would report success and change nothing.
        if (_downgradeStatements.Value.Count == 0 && _upgradeStatements.Value.Count > 0)
            throw new RetortException($"Revision file {Source} has an empty '{SqlRevisionFile.Marker}downgrade' section while its upgrade section has " +
                "statements, so a downgrade would change nothing. Write the statements that undo the upgrade in that section, or delete the " +
                $"'{SqlRevisionFile.Marker}downgrade' line to mark the revision irreversible.");
        Build(op, _downgradeStatements.Value, _downgradeDirectives.Value, _downgradeOutside.Value, _downgradeOnline.Value, "downgrade");
    }

    private void Build(Op op, IReadOnlyList<string> statements, int directives, int outsideDirectives, int onlineDirectives, string section)
    {
        var batched = 0;
        var outside = 0;
        foreach (var sql in statements)
        {
            var alone = SqlNoTransactionDirective.TryStrip(sql, Source);
            if (SqlOnlineDirective.TryParse(sql, Source) is { } online)
            {
                if (alone is not null || SqlBackfillDirective.TryParse(sql, Source) is not null)
                    throw new RetortException($"{Source}: a statement of the {section} section has a '{SqlRevisionFile.Marker}{SqlOnlineDirective.Name}' line and another " +
                        "directive; an online operation runs its own phases. Remove the other line.");
                op.Add(online.Schema is null && op.DefaultSchema is { } schema ? online with { Schema = schema } : online);
            }
            else if (SqlBackfillDirective.TryParse(sql, Source) is { } backfill)
            {
                if (alone is not null)
                    throw new RetortException($"{Source}: a statement of the {section} section has both a '{SqlRevisionFile.Marker}{SqlBackfillDirective.Name}' and a " +
                        $"'{SqlRevisionFile.Marker}{SqlNoTransactionDirective.Name}' line. A batched UPDATE already runs outside the revision's transaction, in batches " +
                        "of their own; remove one of the lines.");
                op.Add(backfill.Schema is null && op.DefaultSchema is { } schema ? backfill with { Schema = schema } : backfill);
                batched++;
            }
            else if (alone is not null)
            {
                op.Add(new ExecuteSqlOperation(alone) { OutsideTransaction = true });
                outside++;
            }
            else op.Add(new ExecuteSqlOperation(sql));
        }
        if (outside != outsideDirectives)
            throw new RetortException($"{Source}: the {section} section has {outsideDirectives} '{SqlRevisionFile.Marker}{SqlNoTransactionDirective.Name}' line(s) " +
                $"but {outside} statement(s) right after one. Put each such line directly before the statement it runs outside the transaction.");
        // Every online line leads a statement (an operation takes one or more): a line elsewhere would be ignored.
        if (onlineDirectives != statements.Sum(s => SqlDirectives.Leading(s, SqlOnlineDirective.Name).Count))
            throw new RetortException($"{Source}: the {section} section has a '{SqlRevisionFile.Marker}{SqlOnlineDirective.Name}' line that is not right before an ALTER TABLE " +
                "statement. Put each such line (and its option lines) directly before the statement it makes online.");
        // Two directives before one statement, or one with no statement after it, would otherwise go unnoticed.
        if (batched != directives)
            throw new RetortException($"{Source}: the {section} section has {directives} '{SqlRevisionFile.Marker}{SqlBackfillDirective.Name}' line(s) " +
                $"but {batched} UPDATE statement(s) right after one. Put each such line directly before the UPDATE it batches.");
    }
}

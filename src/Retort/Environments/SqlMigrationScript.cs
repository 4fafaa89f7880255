using Retort.Migrations;
using Retort.Operations;

namespace Retort.Environments;

/// <summary>A revision's plans read from a <c>.sql</c> file: one <see cref="ExecuteSqlOperation"/> per statement.</summary>
public sealed class SqlMigrationScript : IMigrationScript
{
    private readonly Lazy<IReadOnlyList<string>> _upgradeStatements;
    private readonly Lazy<IReadOnlyList<string>>? _downgradeStatements;

    /// <summary>Creates the script from already split statements; a null downgrade makes it irreversible.</summary>
    public SqlMigrationScript(string source, IReadOnlyList<string> upgrade, IReadOnlyList<string>? downgrade)
    {
        Source = source;
        _upgradeStatements = new(upgrade);
        _downgradeStatements = downgrade is null ? null : new(downgrade);
    }

    /// <summary>
    /// Creates the script from the sections' text, split into statements only when a plan is built: status
    /// commands over hundreds of revisions never pay for it.
    /// </summary>
    public SqlMigrationScript(string source, string upgradeText, string? downgradeText)
    {
        Source = source;
        _upgradeStatements = new(() => SqlStatementSplitter.Split(upgradeText));
        _downgradeStatements = downgradeText is null ? null : new(() => SqlStatementSplitter.Split(downgradeText));
    }


    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public string? IrreversibleReason => _downgradeStatements is null
        ? $"the file has no '{SqlRevisionFile.Marker}downgrade' section"
        : null;

    /// <summary>The upgrade statements.</summary>
    public IReadOnlyList<string> UpgradeStatements => _upgradeStatements.Value;

    /// <summary>The downgrade statements, or null when the file has no downgrade section.</summary>
    public IReadOnlyList<string>? DowngradeStatements => _downgradeStatements?.Value;

    /// <inheritdoc />
    public void BuildUpgrade(Op op)
    {
        foreach (var sql in _upgradeStatements.Value) op.Add(new ExecuteSqlOperation(sql));
    }

    /// <inheritdoc />
    public void BuildDowngrade(Op op)
    {
        if (_downgradeStatements is null)
            throw new RetortException($"Revision file {Source} cannot be downgraded: {IrreversibleReason}.");
        foreach (var sql in _downgradeStatements.Value) op.Add(new ExecuteSqlOperation(sql));
    }
}

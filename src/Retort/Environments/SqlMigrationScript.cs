using Retort.Migrations;
using Retort.Operations;

namespace Retort.Environments;

/// <summary>A revision's plans read from a <c>.sql</c> file: one <see cref="ExecuteSqlOperation"/> per statement.</summary>
public sealed class SqlMigrationScript : IMigrationScript
{
    private readonly IReadOnlyList<string> _upgrade;
    private readonly IReadOnlyList<string>? _downgrade;

    /// <summary>Creates the script from already split statements; a null downgrade makes it irreversible.</summary>
    public SqlMigrationScript(string source, IReadOnlyList<string> upgrade, IReadOnlyList<string>? downgrade)
    {
        Source = source;
        _upgrade = upgrade;
        _downgrade = downgrade;
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public string? IrreversibleReason => _downgrade is null
        ? $"the file has no '{SqlRevisionFile.Marker}downgrade' section"
        : null;

    /// <summary>The upgrade statements.</summary>
    public IReadOnlyList<string> UpgradeStatements => _upgrade;

    /// <summary>The downgrade statements, or null when the file has no downgrade section.</summary>
    public IReadOnlyList<string>? DowngradeStatements => _downgrade;

    /// <inheritdoc />
    public void BuildUpgrade(Op op)
    {
        foreach (var sql in _upgrade) op.Add(new ExecuteSqlOperation(sql));
    }

    /// <inheritdoc />
    public void BuildDowngrade(Op op)
    {
        if (_downgrade is null)
            throw new RetortException($"Revision file {Source} cannot be downgraded: {IrreversibleReason}.");
        foreach (var sql in _downgrade) op.Add(new ExecuteSqlOperation(sql));
    }
}

namespace Retort.Autogenerate;

/// <summary>A dropped and an added object of the same shape: probably a rename.</summary>
/// <param name="Table">The table (for a column rename) or the old table name (for a table rename).</param>
/// <param name="OldName">The dropped name.</param>
/// <param name="NewName">The added name.</param>
/// <param name="IsTable">True for a table rename, false for a column rename.</param>
public sealed record RenameHint(string Table, string OldName, string NewName, bool IsTable)
{
    /// <inheritdoc />
    public override string ToString() => IsTable
        ? $"table '{OldName}' dropped and '{NewName}' added with the same columns: a rename keeps the data (op.RenameTable(\"{OldName}\", \"{NewName}\"))"
        : $"column '{Table}.{OldName}' dropped and '{Table}.{NewName}' added with the same type: a rename keeps the data (op.AlterColumn(\"{Table}\", \"{OldName}\", newColumnName: \"{NewName}\"))";
}

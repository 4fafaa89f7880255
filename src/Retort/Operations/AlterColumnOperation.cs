using Retort.Internal;
using Retort.Schema;

namespace Retort.Operations;

/// <summary>
/// Changes a column: its name (<see cref="NewName"/>, Alembic's <c>new_column_name</c>), type, nullability,
/// server default or comment. Each change is optional; the <c>Existing…</c> values describe the column before,
/// which makes the change reversible and lets dialects that rebuild tables keep what is not changed.
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="ColumnName">The column's current name.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed partial record AlterColumnOperation(string TableName, string ColumnName, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <summary>New column name, or null to keep it.</summary>
    public string? NewName { get; init; }

    /// <summary>New type, or null to keep it.</summary>
    public SqlType? NewType { get; init; }

    /// <summary>New nullability, or null to keep it.</summary>
    public bool? NewNullable { get; init; }

    /// <summary>New server default (a present null removes it).</summary>
    public Optional<ServerDefault?> NewDefault { get; init; }

    /// <summary>New comment (a present null removes it).</summary>
    public Optional<string?> NewComment { get; init; }

    /// <summary>SQL expression converting old values to the new type (PostgreSQL <c>USING</c>).</summary>
    public string? Using { get; init; }

    /// <summary>
    /// Whether the dialect runs its online recipe (PostgreSQL: <c>SET NOT NULL</c> after a <c>CHECK (column IS NOT NULL)</c> added <c>NOT VALID</c> and validated in a transaction of its own, so the server skips its scan). Null, the default: when the
    /// table exists before the revision (not created earlier in the same plan). False: the plain statement, which
    /// blocks writes while it works but is one atomic step. True: the recipe even on a table the plan creates.
    /// Dialects without a recipe ignore it.
    /// </summary>
    [FingerprintOmitsDefault]
    public bool? Online { get; init; }

    /// <summary>The type before the change (needed to reverse a type change).</summary>
    public SqlType? ExistingType { get; init; }

    /// <summary>Nullability before the change.</summary>
    public bool? ExistingNullable { get; init; }

    /// <summary>Server default before the change.</summary>
    public Optional<ServerDefault?> ExistingDefault { get; init; }

    /// <summary>Comment before the change.</summary>
    public Optional<string?> ExistingComment { get; init; }

    /// <summary>True when only the name changes (dialects can use a plain RENAME COLUMN).</summary>
    public bool IsRenameOnly => NewName is not null && NewType is null && NewNullable is null && !NewDefault.HasValue && !NewComment.HasValue;

    /// <inheritdoc />
    public override bool IsReversible =>
        (NewType is null || ExistingType is not null) && (NewNullable is null || ExistingNullable is not null)
        && (!NewDefault.HasValue || ExistingDefault.HasValue) && (!NewComment.HasValue || ExistingComment.HasValue);

    /// <inheritdoc />
    public override MigrationOperation Reverse()
    {
        if (!IsReversible)
            throw new IrreversibleOperationException(this, "the column's previous type, nullability, default or comment is not known (pass existingType:, existingNullable:, … )");
        return new AlterColumnOperation(TableName, NewName ?? ColumnName, Schema)
        {
            NewName = NewName is null ? null : ColumnName,
            NewType = NewType is null ? null : ExistingType,
            NewNullable = NewNullable is null ? null : ExistingNullable,
            NewDefault = NewDefault.HasValue ? ExistingDefault : Optional<ServerDefault?>.None,
            NewComment = NewComment.HasValue ? ExistingComment : Optional<string?>.None,
            ExistingType = NewType,
            ExistingNullable = NewNullable,
            Online = Online,
            ExistingDefault = NewDefault,
            ExistingComment = NewComment,
        };
    }

    /// <inheritdoc />
    public override Table ApplyTo(Table table)
    {
        var column = table.GetColumn(ColumnName);
        var changed = column with
        {
            Name = NewName ?? column.Name,
            Type = NewType ?? column.Type,
            Nullable = NewNullable ?? column.Nullable,
            Default = NewDefault.HasValue ? NewDefault.Value : column.Default,
            Comment = NewComment.HasValue ? NewComment.Value : column.Comment,
        };
        var result = table with { Columns = table.Columns.Select(c => c.Name == ColumnName ? changed : c).ToValueList() };
        if (NewName is null || NewName == ColumnName) return result;
        if (table.FindColumn(NewName) is not null)
            throw new RetortException($"Cannot rename column '{Display}.{ColumnName}' to '{NewName}': the table already has a column of that name.");
        ValueList<string> R(ValueList<string> cols) => cols.Select(c => c == ColumnName ? NewName : c).ToValueList();
        return result with
        {
            PrimaryKey = result.PrimaryKey is null ? null : result.PrimaryKey with { Columns = R(result.PrimaryKey.Columns) },
            ForeignKeys = result.ForeignKeys.Select(f => f with { Columns = R(f.Columns) }).ToValueList(),
            UniqueConstraints = result.UniqueConstraints.Select(u => u with { Columns = R(u.Columns) }).ToValueList(),
            CheckConstraints = result.CheckConstraints.Select(c => c with { Expression = SqlText.RenameIdentifier(c.Expression, ColumnName, NewName) }).ToValueList(),
            Indexes = result.Indexes.Select(i => i with
            {
                Columns = i.Expressions ? i.Columns.Select(e => SqlText.RenameIdentifier(e, ColumnName, NewName)).ToValueList() : R(i.Columns),
                Where = i.Where is null ? null : SqlText.RenameIdentifier(i.Where, ColumnName, NewName),
            }).ToValueList(),
        };
    }

    /// <inheritdoc />
    public override string Describe()
    {
        var parts = new List<string>();
        if (NewName is not null) parts.Add($"rename to {NewName}");
        if (NewType is not null) parts.Add($"type {NewType}");
        if (NewNullable is not null) parts.Add(NewNullable.Value ? "nullable" : "not null");
        if (NewDefault.HasValue) parts.Add(NewDefault.Value is null ? "drop default" : $"default {NewDefault.Value}");
        if (NewComment.HasValue) parts.Add(NewComment.Value is null ? "drop comment" : "comment");
        return $"alter column {Display}.{ColumnName}: {string.Join(", ", parts)}";
    }
}

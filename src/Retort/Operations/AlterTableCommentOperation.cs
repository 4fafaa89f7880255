using Retort.Schema;

namespace Retort.Operations;

/// <summary>Sets or removes a table's comment (Alembic's <c>create_table_comment</c> / <c>drop_table_comment</c>).</summary>
/// <param name="TableName">The table.</param>
/// <param name="Comment">The new comment; null removes it.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record AlterTableCommentOperation(string TableName, string? Comment, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <summary>The comment before the change (a present null: there was none); makes the change reversible.</summary>
    public Optional<string?> ExistingComment { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => ExistingComment.HasValue;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => ExistingComment.HasValue
        ? new AlterTableCommentOperation(TableName, ExistingComment.Value, Schema) { ExistingComment = Comment }
        : throw new IrreversibleOperationException(this, "the table's previous comment is not known");

    /// <inheritdoc />
    public override Table ApplyTo(Table table) => table with { Comment = Comment };

    /// <inheritdoc />
    public override string Describe() => Comment is null ? $"drop comment on table {Display}" : $"comment on table {Display}";
}

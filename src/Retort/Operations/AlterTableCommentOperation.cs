using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

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

    private static string ExistingCommentArg(AlterTableCommentOperation o) =>
        o.ExistingComment is { HasValue: true, Value: { } old } ? ", existingComment: " + S(old) : "";

    /// <summary>What Retort knows about setting or removing a table's comment (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<AlterTableCommentOperation> Registration { get; } = new()
    {
        CSharp = o => o.Comment is { } comment
            ? $"op.CreateTableComment({S(o.TableName)}, {S(comment)}{ExistingCommentArg(o)}{SchemaArg(o.Schema)});"
            : $"op.DropTableComment({S(o.TableName)}{ExistingCommentArg(o)}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "sets the comment the table had before (existingComment:)",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}

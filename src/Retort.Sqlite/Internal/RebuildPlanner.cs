using Retort.Operations;
using Retort.Schema;

namespace Retort.Sqlite.Internal;

/// <summary>
/// Decides what SQLite's own ALTER TABLE can do and what needs the table rebuilt (<see cref="TableRebuild"/>), and
/// groups a plan so that a table's changes cost at most one rebuild, with column renames run first.
/// </summary>
internal static class RebuildPlanner
{
    /// <summary>
    /// Splits a plan into groups compiled together.
    /// </summary>
    /// <remarks>
    /// Consecutive changes to one table form a group, so they cost at most one rebuild. A column rename in a group that
    /// rebuilds runs first, on its own, as SQLite's RENAME COLUMN: SQLite then rewrites the indexes, triggers and views
    /// that name the column, which a rebuild re-creates as they are written.
    /// </remarks>
    public static IReadOnlyList<IReadOnlyList<MigrationOperation>> Group(IReadOnlyList<MigrationOperation> plan)
    {
        var groups = new List<IReadOnlyList<MigrationOperation>>();
        List<MigrationOperation>? current = null;
        foreach (var op in plan)
        {
            if (op is TableOperation t and not RenameTableOperation && current is [TableOperation first, ..]
                && first.TableName == t.TableName && first.Schema == t.Schema)
            {
                current.Add(op);
                continue;
            }
            current = [op];
            groups.Add(current);
        }
        return groups.SelectMany(RenamesFirst).ToList();
    }

    private static IEnumerable<IReadOnlyList<MigrationOperation>> RenamesFirst(IReadOnlyList<MigrationOperation> group)
    {
        static bool IsRename(MigrationOperation op) => op is AlterColumnOperation { NewName: { } n } a && n != a.ColumnName;
        if (!group.Any(IsRename) || !group.Any(op => op is AlterColumnOperation a ? ChangesMoreThanName(a) : NeedsRebuild(op, null)))
        {
            yield return group;
            yield break;
        }
        var renames = new List<MigrationOperation>();
        var rest = new List<MigrationOperation>();
        foreach (var op in group)
        {
            if (op is not AlterColumnOperation { NewName: { } newName } a || newName == a.ColumnName)
            {
                rest.Add(op);
                continue;
            }
            if (rest.Any(r => NamesColumn(r, a.ColumnName) || NamesColumn(r, newName)))
            {
                // The rename cannot move ahead of an operation that names its columns: what came before runs first.
                if (renames.Count > 0) yield return renames;
                yield return rest;
                (renames, rest) = ([], []);
            }
            renames.Add(new AlterColumnOperation(a.TableName, a.ColumnName, a.Schema) { NewName = newName });
            if (ChangesMoreThanName(a)) rest.Add(a with { ColumnName = newName, NewName = null });
        }
        if (renames.Count > 0) yield return renames;
        if (rest.Count > 0) yield return rest;
    }

    private static bool ChangesMoreThanName(AlterColumnOperation a) =>
        a.NewType is not null || a.NewNullable is not null || a.NewDefault.HasValue || a.NewComment.HasValue;

    /// <summary>Whether a table operation names the column (conservatively true for operations it does not know).</summary>
    private static bool NamesColumn(MigrationOperation op, string column)
    {
        bool Is(string? name) => string.Equals(name, column, StringComparison.OrdinalIgnoreCase);
        bool In(string sql) => SqlText.MentionsIdentifier(sql, column);
        return op switch
        {
            AlterColumnOperation a => Is(a.ColumnName) || Is(a.NewName),
            AddColumnOperation a => Is(a.Column.Name),
            DropColumnOperation d => Is(d.ColumnName),
            AddConstraintOperation { Constraint: var c } => c.ColumnNames.Any(Is) || (c is CheckConstraint k && In(k.Expression))
                || (c is ForeignKeyConstraint f && f.ReferredColumns.Any(Is)),
            CreateIndexOperation { Index: var i } => (i.Expressions ? i.Columns.Any(In) : i.Columns.Any(Is)) || (i.Where is { } w && In(w)),
            DropIndexOperation or DropConstraintOperation or AlterTableCommentOperation => false,
            _ => true,
        };
    }

    /// <summary>Whether one of the group's operations needs a rebuild, each judged on the table as the ones before it leave it.</summary>
    public static bool RebuildNeeded(IReadOnlyList<MigrationOperation> group, Table table)
    {
        foreach (var op in group)
        {
            if (NeedsRebuild(op, table)) return true;
            table = ((TableOperation)op).ApplyTo(table);
        }
        return false;
    }

    /// <summary>True when SQLite's ALTER TABLE cannot perform the operation on this table.</summary>
    internal static bool NeedsRebuild(MigrationOperation op, Table? table) => op switch
    {
        AlterColumnOperation a => !a.IsRenameOnly,
        // SQLite keeps comments in the stored CREATE TABLE text, so a table comment changes with a rebuild.
        AddConstraintOperation or DropConstraintOperation or AlterTableCommentOperation => true,
        AddColumnOperation a => (!a.Column.Nullable && a.Column.Default is null) || a.Column.Default is ExpressionDefault,
        DropColumnOperation d => table is null || ColumnIsReferenced(table, d.ColumnName),
        _ => false,
    };

    private static bool ColumnIsReferenced(Table table, string column) =>
        table.Constraints.Any(c => c.ColumnNames.Contains(column))
        || table.CheckConstraints.Any(c => SqlText.MentionsIdentifier(c.Expression, column))
        || table.Indexes.Any(i => i.Columns.Contains(column) || i.Expressions || (i.Where is not null && SqlText.MentionsIdentifier(i.Where, column)));
}

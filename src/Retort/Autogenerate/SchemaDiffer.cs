using Retort.Operations;
using Retort.Schema;

namespace Retort.Autogenerate;

/// <summary>
/// Compares a target schema (the C# <see cref="MetaData"/>) with the tables read from a live database and
/// returns the operations that turn one into the other. Every drop and change carries the previous definition,
/// so the result is reversible. Both sides should be normalised by the dialect first
/// (<see cref="Dialects.Dialect.NormalizeForComparison"/>) so spellings that mean the same compare equal.
/// </summary>
public static class SchemaDiffer
{
    /// <summary>Computes the difference from <paramref name="actual"/> to <paramref name="target"/>.</summary>
    public static SchemaDiff Compare(IEnumerable<Table> target, IEnumerable<Table> actual, DiffOptions? options = null)
    {
        options ??= new DiffOptions();
        var want = target.Where(t => options.Includes(t.Schema, t.Name)).ToDictionary(Key);
        var have = actual.Where(t => options.Includes(t.Schema, t.Name)).ToDictionary(Key);
        var kinds = options.Kinds;
        var ops = new List<MigrationOperation>();
        var hints = new List<RenameHint>();

        var added = want.Values.Where(t => !have.ContainsKey(Key(t))).ToList();
        var dropped = have.Values.Where(t => !want.ContainsKey(Key(t))).ToList();
        if (kinds.HasFlag(ObjectKinds.Tables))
        {
            foreach (var (old, renamed) in MatchRenamedTables(dropped, added))
            {
                hints.Add(new RenameHint(old.Name, old.Name, renamed.Name, IsTable: true));
                if (!options.EmitRenames) continue;
                ops.Add(new RenameTableOperation(old.Name, renamed.Name, old.Schema));
                dropped.Remove(old);
                added.Remove(renamed);
                // Compare the rest of the renamed table below, as an existing table.
                have[Key(renamed)] = old with { Name = renamed.Name };
            }
            foreach (var t in MetaData.SortByDependency(added)) ops.Add(new CreateTableOperation(t));
        }

        foreach (var key in want.Keys.Where(have.ContainsKey).OrderBy(k => k.Item1).ThenBy(k => k.Item2))
            ops.AddRange(CompareTable(want[key], have[key], options, hints));

        if (kinds.HasFlag(ObjectKinds.Tables))
            foreach (var t in MetaData.SortByDependency(dropped).Reverse())
                ops.Add(new DropTableOperation(t.Name, t.Schema) { Existing = t });
        return new SchemaDiff(ops, hints);
    }

    private static (string, string) Key(Table t) => (t.Schema ?? "", t.Name);

    private static IEnumerable<(Table Old, Table New)> MatchRenamedTables(List<Table> dropped, List<Table> added)
    {
        foreach (var old in dropped.ToList())
        {
            var same = added.Where(a => a.Schema == old.Schema && a.Columns.Equals(old.Columns)).ToList();
            if (same.Count == 1) yield return (old, same[0]);
        }
    }

    private static IEnumerable<MigrationOperation> CompareTable(Table want, Table have, DiffOptions options, List<RenameHint> hints)
    {
        var kinds = options.Kinds;
        var name = want.Name;
        var schema = want.Schema;
        var before = new List<MigrationOperation>();   // drops of constraints and indexes that change or go
        var columns = new List<MigrationOperation>();
        var after = new List<MigrationOperation>();    // new constraints and indexes

        if (kinds.HasFlag(ObjectKinds.Columns))
        {
            var addedCols = want.Columns.Where(c => have.FindColumn(c.Name) is null).ToList();
            var droppedCols = have.Columns.Where(c => want.FindColumn(c.Name) is null).ToList();
            foreach (var old in droppedCols.ToList())
            {
                var same = addedCols.Where(a => a with { Name = old.Name } == old).ToList();
                if (same.Count != 1) continue;
                hints.Add(new RenameHint(name, old.Name, same[0].Name, IsTable: false));
                if (!options.EmitRenames) continue;
                columns.Add(new AlterColumnOperation(name, old.Name, schema) { NewName = same[0].Name });
                droppedCols.Remove(old);
                addedCols.Remove(same[0]);
            }
            foreach (var c in addedCols) columns.Add(new AddColumnOperation(name, c, schema));
            foreach (var w in want.Columns)
                if (have.FindColumn(w.Name) is { } h && h != w)
                    columns.Add(AlterColumn(name, schema, w, h));
            foreach (var c in droppedCols) columns.Add(new DropColumnOperation(name, c.Name, schema) { Existing = c });
        }

        void Constraints<T>(ObjectKinds kind, IEnumerable<T> wanted, IEnumerable<T> existing) where T : TableConstraint
        {
            if (!kinds.HasFlag(kind)) return;
            var w = wanted.ToList();
            var h = existing.ToList();
            foreach (var c in h.Where(c => !w.Any(x => Same(x, c))))
                before.Add(c.Name is null
                    ? throw new RetortException($"Table '{have.DisplayName}' has an unnamed {c.ConventionKey} constraint that the target schema does not declare; it cannot be dropped by name. Name it in the database or declare it in the schema.")
                    : new DropConstraintOperation(name, c.Name, schema) { Existing = c });
            foreach (var c in w.Where(c => !h.Any(x => Same(x, c))))
                after.Add(new AddConstraintOperation(name, c, schema));
        }

        Constraints(ObjectKinds.PrimaryKeys, Opt(want.PrimaryKey), Opt(have.PrimaryKey));
        Constraints(ObjectKinds.ForeignKeys, want.ForeignKeys, have.ForeignKeys);
        Constraints(ObjectKinds.UniqueConstraints, want.UniqueConstraints, have.UniqueConstraints);
        Constraints(ObjectKinds.CheckConstraints, want.CheckConstraints, have.CheckConstraints);

        if (kinds.HasFlag(ObjectKinds.Indexes))
        {
            foreach (var i in have.Indexes.Where(i => !want.Indexes.Contains(i)))
                before.Add(new DropIndexOperation(name, i.Name!, schema) { Existing = i });
            foreach (var i in want.Indexes.Where(i => !have.Indexes.Contains(i)))
                after.Add(new CreateIndexOperation(name, i, schema));
        }
        return before.Concat(columns).Concat(after);
    }

    private static IEnumerable<T> Opt<T>(T? item) where T : class => item is null ? [] : [item];

    // An unnamed constraint (the database named it, or it has no name) matches by definition alone.
    private static bool Same(TableConstraint a, TableConstraint b) =>
        a.Name is null || b.Name is null ? (a with { Name = null }) == (b with { Name = null }) : a == b;

    private static AlterColumnOperation AlterColumn(string table, string? schema, Column want, Column have) => new(table, have.Name, schema)
    {
        NewType = want.Type != have.Type ? want.Type : null,
        ExistingType = want.Type != have.Type ? have.Type : null,
        NewNullable = want.Nullable != have.Nullable ? want.Nullable : null,
        ExistingNullable = want.Nullable != have.Nullable ? have.Nullable : null,
        NewDefault = !Equals(want.Default, have.Default) ? new Optional<ServerDefault?>(true, want.Default) : default,
        ExistingDefault = !Equals(want.Default, have.Default) ? new Optional<ServerDefault?>(true, have.Default) : default,
        NewComment = want.Comment != have.Comment ? new Optional<string?>(true, want.Comment) : default,
        ExistingComment = want.Comment != have.Comment ? new Optional<string?>(true, have.Comment) : default,
    };
}

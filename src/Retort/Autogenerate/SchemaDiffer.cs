using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;

namespace Retort.Autogenerate;

/// <summary>
/// Compares a target schema (the C# <see cref="MetaData"/>) with the tables read from a live database and
/// returns the operations that turn one into the other. Every drop and change carries the previous definition,
/// so the result is reversible. Comparisons go through a normaliser (the dialect's
/// <see cref="Dialects.SchemaReflection.NormalizeForComparison"/>) so spellings that mean the same compare equal, while the
/// operations carry the definitions exactly as written.
/// </summary>
public static class SchemaDiffer
{
    /// <summary>Computes the difference from <paramref name="actual"/> to <paramref name="target"/>.</summary>
    public static SchemaDiff Compare(IEnumerable<Table> target, IEnumerable<Table> actual, DiffOptions? options = null, Func<Table, Table>? normalize = null)
    {
        options ??= new DiffOptions();
        var n = new Normalizer(normalize ?? (t => t));
        var want = target.Where(t => options.Includes(t.Schema, t.Name)).ToDictionary(Key);
        var have = actual.Where(t => options.Includes(t.Schema, t.Name)).ToDictionary(Key);
        var kinds = options.Kinds;
        var ops = new List<MigrationOperation>();
        var hints = new List<RenameHint>();

        var added = want.Values.Where(t => !have.ContainsKey(Key(t))).ToList();
        var dropped = have.Values.Where(t => !want.ContainsKey(Key(t))).ToList();
        if (kinds.HasFlag(ObjectKinds.Tables))
        {
            foreach (var (old, renamed) in MatchRenamedTables(dropped, added, n))
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
            ops.AddRange(CompareTable(want[key], have[key], options, hints, n));

        // Enum types come first (tables use them) and go last (after the tables that used them).
        var (createEnums, dropEnums) = CompareEnums(want.Values, have.Values, n);
        ops.InsertRange(0, createEnums);
        ops.AddRange(dropEnums);

        if (kinds.HasFlag(ObjectKinds.Tables))
            foreach (var t in MetaData.SortByDependency(dropped).Reverse())
                ops.Add(new DropTableOperation(t.Name, t.Schema) { Existing = t });
        return new SchemaDiff(ops, hints);
    }

    private static (string, string) Key(Table t) => (t.Schema ?? "", t.Name);

    // Only types that stay enums after normalisation are native to the database (SQLite stores them as strings).
    private static (List<MigrationOperation> Before, List<MigrationOperation> After) CompareEnums(IEnumerable<Table> want, IEnumerable<Table> have, Normalizer n)
    {
        static Dictionary<(string, string), EnumType> Enums(IEnumerable<Table> tables, Func<Table, Column, Column> normalize) =>
            tables.SelectMany(t => t.Columns.Select(c => normalize(t, c).Type)).OfType<EnumType>()
                .GroupBy(e => (e.Schema ?? "", e.Name)).ToDictionary(g => g.Key, g => g.First());
        var wanted = Enums(want, n.ColumnWithEnumValues);
        var existing = Enums(have, n.ColumnWithEnumValues);
        var before = new List<MigrationOperation>();
        var after = new List<MigrationOperation>();
        foreach (var (key, e) in wanted.OrderBy(kv => kv.Key))
        {
            if (!existing.TryGetValue(key, out var old))
            {
                before.Add(new CreateEnumTypeOperation(e.Name, e.Values, e.Schema));
                continue;
            }
            // Labels can be added (after their predecessor, keeping the order); the database cannot remove one.
            for (var i = 0; i < e.Values.Count; i++)
                if (!old.Values.Contains(e.Values[i]))
                    before.Add(new AddEnumValueOperation(e.Name, e.Values[i], e.Schema) { After = i > 0 ? e.Values[i - 1] : null, Before = i == 0 && old.Values.Count > 0 ? old.Values[0] : null });
        }
        foreach (var (key, e) in existing.OrderBy(kv => kv.Key))
            if (!wanted.ContainsKey(key)) after.Add(new DropEnumTypeOperation(e.Name, e.Schema) { Existing = e.Values });
        return (before, after);
    }

    private static IEnumerable<(Table Old, Table New)> MatchRenamedTables(List<Table> dropped, List<Table> added, Normalizer n)
    {
        foreach (var old in dropped.ToList())
        {
            var same = added.Where(a => a.Schema == old.Schema && a.Columns.Count == old.Columns.Count
                && a.Columns.Zip(old.Columns).All(p => n.Column(a, p.First) == n.Column(old, p.Second))).ToList();
            if (same.Count == 1) yield return (old, same[0]);
        }
    }

    private static IEnumerable<MigrationOperation> CompareTable(Table want, Table have, DiffOptions options, List<RenameHint> hints, Normalizer n)
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
                var same = addedCols.Where(a => n.Column(want, a with { Name = old.Name }) == n.Column(have, old)).ToList();
                if (same.Count != 1) continue;
                hints.Add(new RenameHint(name, old.Name, same[0].Name, IsTable: false));
                if (!options.EmitRenames) continue;
                columns.Add(new AlterColumnOperation(name, old.Name, schema) { NewName = same[0].Name });
                droppedCols.Remove(old);
                addedCols.Remove(same[0]);
            }
            foreach (var c in addedCols) columns.Add(new AddColumnOperation(name, c, schema));
            foreach (var w in want.Columns)
                if (have.FindColumn(w.Name) is { } h && n.Column(have, h) != n.Column(want, w))
                    columns.Add(AlterColumn(name, schema, w, h, n.Column(want, w), n.Column(have, h)));
            foreach (var c in droppedCols) columns.Add(new DropColumnOperation(name, c.Name, schema) { Existing = c });
        }
        if (kinds.HasFlag(ObjectKinds.Tables) && want.Comment != have.Comment)
            columns.Add(new AlterTableCommentOperation(name, want.Comment, schema) { ExistingComment = have.Comment });

        void Constraints<T>(ObjectKinds kind, IEnumerable<T> wanted, IEnumerable<T> existing) where T : TableConstraint
        {
            if (!kinds.HasFlag(kind)) return;
            var w = wanted.ToList();
            var h = existing.ToList();
            bool Same(T a, T b) => SameConstraint(n.Constraint(want, a), n.Constraint(have, b));
            foreach (var c in h.Where(c => !w.Any(x => Same(x, c))))
                before.Add(c.Name is null
                    ? throw new RetortException($"Table '{have.DisplayName}' has an unnamed {c.ConventionKey} constraint that the target schema does not declare; it cannot be dropped by name. Name it in the database or declare it in the schema.")
                    : new DropConstraintOperation(name, c.Name, schema) { Existing = c });
            foreach (var c in w.Where(c => !h.Any(x => Same(c, x))))
                after.Add(new AddConstraintOperation(name, c, schema));
        }

        Constraints(ObjectKinds.PrimaryKeys, Opt(want.PrimaryKey), Opt(have.PrimaryKey));
        Constraints(ObjectKinds.ForeignKeys, want.ForeignKeys, have.ForeignKeys);
        Constraints(ObjectKinds.UniqueConstraints, want.UniqueConstraints, have.UniqueConstraints);
        Constraints(ObjectKinds.CheckConstraints, want.CheckConstraints, have.CheckConstraints);

        if (kinds.HasFlag(ObjectKinds.Indexes))
        {
            bool SameIndex(TableIndex a, TableIndex b) => n.Index(want, a) == n.Index(have, b);
            foreach (var i in have.Indexes.Where(i => !want.Indexes.Any(w => SameIndex(w, i))))
                before.Add(new DropIndexOperation(name, i.Name!, schema) { Existing = i });
            foreach (var i in want.Indexes.Where(i => !have.Indexes.Any(h => SameIndex(i, h))))
                after.Add(new CreateIndexOperation(name, i, schema));
        }
        return before.Concat(columns).Concat(after);
    }

    private static IEnumerable<T> Opt<T>(T? item) where T : class => item is null ? [] : [item];

    // An unnamed constraint (the database named it, or it has no name) matches by definition alone.
    private static bool SameConstraint(TableConstraint a, TableConstraint b) =>
        a.Name is null || b.Name is null ? (a with { Name = null }) == (b with { Name = null }) : a == b;

    // Differences are judged on the normalised columns (nw, nh); the values written are the originals.
    private static AlterColumnOperation AlterColumn(string table, string? schema, Column want, Column have, Column nw, Column nh) => new(table, have.Name, schema)
    {
        NewType = nw.Type != nh.Type ? want.Type : null,
        ExistingType = nw.Type != nh.Type ? have.Type : null,
        NewNullable = want.Nullable != have.Nullable ? want.Nullable : null,
        ExistingNullable = want.Nullable != have.Nullable ? have.Nullable : null,
        NewDefault = !Equals(nw.Default, nh.Default) ? new Optional<ServerDefault?>(true, want.Default) : default,
        ExistingDefault = !Equals(nw.Default, nh.Default) ? new Optional<ServerDefault?>(true, have.Default) : default,
        NewComment = want.Comment != have.Comment ? new Optional<string?>(true, want.Comment) : default,
        ExistingComment = want.Comment != have.Comment ? new Optional<string?>(true, have.Comment) : default,
    };

    /// <summary>Normalises single elements through the dialect's table-level normalisation.</summary>
    private sealed class Normalizer(Func<Table, Table> normalize)
    {
        public Column ColumnWithEnumValues(Table table, Column column) =>
            normalize(Table.Create(table.Name, table.Schema, [column], options: table.Options)).Columns[0];

        // A column compares its enum type by name: label changes are the type's own operations.
        public Column Column(Table table, Column column) => ColumnWithEnumValues(table, column) is { Type: EnumType e } c
            ? c with { Type = e with { Values = ValueList<string>.Empty } }
            : ColumnWithEnumValues(table, column);

        public T Constraint<T>(Table table, T constraint) where T : TableConstraint
        {
            var single = normalize(Table.Create(table.Name, table.Schema, table.Columns, options: table.Options,
                primaryKey: constraint as PrimaryKeyConstraint, foreignKeys: Opt(constraint as ForeignKeyConstraint),
                uniqueConstraints: Opt(constraint as UniqueConstraint), checkConstraints: Opt(constraint as CheckConstraint)));
            return single.Constraints.OfType<T>().Single();
        }

        public TableIndex Index(Table table, TableIndex index) =>
            normalize(Table.Create(table.Name, table.Schema, table.Columns, indexes: [index], options: table.Options)).Indexes[0];
    }
}

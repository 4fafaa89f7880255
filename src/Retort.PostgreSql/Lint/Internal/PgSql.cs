using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql.Lint.Internal;

/// <summary>Reading PostgreSQL statements for the rules: index statements, constraint actions, what takes a table lock.</summary>
internal static class PgSql
{
    /// <summary>A <c>CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table [USING m] (cols)</c>.</summary>
    public static (string? Name, SqlTableName Table, bool Concurrently, IReadOnlyList<IReadOnlyList<SqlToken>> Columns)? CreateIndex(LintStatement statement)
    {
        var t = statement.Tokens;
        var i = 1;
        if (!LintSql.Is(t, 0, "CREATE")) return null;
        LintSql.Skip(t, ref i, "UNIQUE");
        if (!LintSql.Skip(t, ref i, "INDEX")) return null;
        var concurrently = LintSql.Skip(t, ref i, "CONCURRENTLY");
        LintSql.Skip(t, ref i, "IF", "NOT", "EXISTS");
        string? name = null;
        if (!LintSql.Is(t, i, "ON") && i < t.Count && t[i].IsName) name = t[i++].FoldedIdentifier;
        if (!LintSql.Skip(t, ref i, "ON")) return null;
        LintSql.Skip(t, ref i, "ONLY");
        var table = LintSql.ReadName(t, ref i);
        if (table is null) return null;
        if (LintSql.Skip(t, ref i, "USING")) i++;
        var columns = i < t.Count && t[i].IsSymbol('(') ? LintSql.SplitAtCommas(t, i + 1, LintSql.CloseOf(t, i)) : [];
        return (name, table, concurrently, columns);
    }

    /// <summary>An <c>ADD [CONSTRAINT name] CHECK|FOREIGN|UNIQUE|PRIMARY|EXCLUDE …</c> action: its kind (the keyword, upper case), name, NOT VALID and USING INDEX.</summary>
    public static (string Kind, string? Name, bool NotValid, bool UsingIndex)? AddConstraint(IReadOnlyList<SqlToken> action)
    {
        var i = 0;
        if (!LintSql.Skip(action, ref i, "ADD")) return null;
        string? name = null;
        if (LintSql.Skip(action, ref i, "CONSTRAINT") && i < action.Count) name = action[i++].FoldedIdentifier;
        if (i >= action.Count || action[i].Kind != SqlTokenKind.Word) return null;
        var kind = action[i].Text.ToUpperInvariant();
        if (kind is not ("CHECK" or "FOREIGN" or "UNIQUE" or "PRIMARY" or "EXCLUDE")) return null;
        return (kind, name, LintSql.Has(action, "NOT", "VALID"), LintSql.Has(action, "USING", "INDEX"));
    }

    /// <summary>The column an <c>ALTER [COLUMN] c …</c> action alters and the index of what follows its name, or null.</summary>
    public static (string Column, int Next)? AlterColumn(IReadOnlyList<SqlToken> action)
    {
        var i = 0;
        if (!LintSql.Skip(action, ref i, "ALTER")) return null;
        LintSql.Skip(action, ref i, "COLUMN");
        return i < action.Count && action[i].IsName ? (action[i].FoldedIdentifier, i + 1) : null;
    }

    /// <summary>True when an index of that name was created earlier in the plan (in C# or SQL).</summary>
    public static bool IndexCreatedEarlier(LintContext context, IEnumerable<LintStatement> earlier, string name) =>
        context.Plan.Take(context.Index).Any(op => op switch
        {
            CreateIndexOperation c => string.Equals(c.Index.Name, name, StringComparison.OrdinalIgnoreCase),
            CreateTableOperation t => t.Table.Indexes.Any(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)),
            _ => false,
        }) || earlier.Any(s => CreateIndex(s) is { Name: { } n } && n == name);

    /// <summary>The table a statement takes a strong lock on, when it is DDL that waits for one; null for anything else.</summary>
    public static SqlTableName? LockedTable(LintStatement statement)
    {
        var t = statement.Tokens;
        if (LintSql.AlterTable(statement) is { } alter) return alter.Table;
        if (CreateIndex(statement) is { Concurrently: false } index) return index.Table;
        var i = 0;
        if (LintSql.Skip(t, ref i, "DROP", "TABLE") || LintSql.Skip(t, ref i, "TRUNCATE") || LintSql.Skip(t, ref i, "LOCK") || LintSql.Skip(t, ref i, "CLUSTER"))
        {
            LintSql.Skip(t, ref i, "TABLE");
            LintSql.Skip(t, ref i, "IF", "EXISTS");
            LintSql.Skip(t, ref i, "ONLY");
            LintSql.Skip(t, ref i, "VERBOSE");
            return LintSql.ReadName(t, ref i);
        }
        if (LintSql.At(t, 0, "REINDEX", "TABLE") || LintSql.At(t, 0, "REFRESH", "MATERIALIZED", "VIEW"))
        {
            i = t[0].Is("REINDEX") ? 2 : 3;
            if (LintSql.Is(t, i, "CONCURRENTLY")) return null;
            return LintSql.ReadName(t, ref i);
        }
        return null;
    }

    /// <summary>
    /// True when the operation compiles to its plain statement, not to the dialect's safe recipe: an operation that
    /// offers the recipe runs it unless its <c>Online</c> choice is false (null: the recipe on a table that existed
    /// before the revision); a nullability change that shares its operation with a type change stays plain, since the
    /// type change rewrites the table anyway. Every other operation runs its plain statement.
    /// </summary>
    public static bool RunsPlain(MigrationOperation operation) => operation switch
    {
        CreateIndexOperation c => c.Online is false,
        DropIndexOperation d => d.Online is false,
        AddConstraintOperation a => a.Online is false,
        AlterColumnOperation a => a.Online is false || (a.NewType is not null && a.NewNullable is false),
        _ => true,
    };
}

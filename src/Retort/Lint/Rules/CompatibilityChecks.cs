using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>RT001: a column of an existing table dropped.</summary>
public sealed class DropColumnCheck() : RuleCheck(CommonRules.DropColumn)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is DropColumnOperation d && Existing(context, d.Schema, d.TableName))
            yield return Found($"drops column {d.ColumnName} of {Display(d.Schema, d.TableName)}, which the running application may still read or write.", Display(d.Schema, d.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
        {
            var i = 0;
            if (!LintSql.Skip(action, ref i, "DROP") || LintSql.Is(action, i, "CONSTRAINT")) continue;
            LintSql.Skip(action, ref i, "COLUMN");
            LintSql.Skip(action, ref i, "IF", "EXISTS");
            if (i < action.Count && action[i].IsName)
                yield return Found($"drops column {action[i].FoldedIdentifier} of {alter.Table}, which the running application may still read or write.", alter.Table.Display);
        }
    }
}

/// <summary>RT002: a column of an existing table renamed.</summary>
public sealed class RenameColumnCheck() : RuleCheck(CommonRules.RenameColumn)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is AlterColumnOperation { NewName: { } name } a && name != a.ColumnName && Existing(context, a.Schema, a.TableName))
            yield return Found($"renames column {a.ColumnName} of {Display(a.Schema, a.TableName)} to {name}; the running application still uses the old name.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
        {
            var i = 0;
            if (!LintSql.Skip(action, ref i, "RENAME") || LintSql.Is(action, i, "TO") || LintSql.Is(action, i, "CONSTRAINT")) continue;
            LintSql.Skip(action, ref i, "COLUMN");
            if (i < action.Count && action[i].IsName && LintSql.Is(action, i + 1, "TO") && i + 2 < action.Count)
                yield return Found($"renames column {action[i].FoldedIdentifier} of {alter.Table} to {action[i + 2].FoldedIdentifier}; the running application still uses the old name.", alter.Table.Display);
        }
    }
}

/// <summary>RT003: an existing table renamed.</summary>
public sealed class RenameTableCheck() : RuleCheck(CommonRules.RenameTable)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is RenameTableOperation r && Existing(context, r.Schema, r.TableName))
            yield return Found($"renames table {Display(r.Schema, r.TableName)} to {r.NewName}; the running application still uses the old name.", Display(r.Schema, r.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
            if (LintSql.At(action, 0, "RENAME", "TO") && action.Count > 2)
                yield return Found($"renames table {alter.Table} to {action[2].FoldedIdentifier}; the running application still uses the old name.", alter.Table.Display);
    }
}

/// <summary>RT004: an existing table dropped.</summary>
public sealed class DropTableCheck() : RuleCheck(CommonRules.DropTable)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is DropTableOperation d && Existing(context, d.Schema, d.Name))
            yield return Found($"drops table {Display(d.Schema, d.Name)} and all its rows.", Display(d.Schema, d.Name));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 2;
        if (!LintSql.At(t, 0, "DROP", "TABLE")) yield break;
        LintSql.Skip(t, ref i, "IF", "EXISTS");
        foreach (var table in LintSql.NameList(t, i))
            if (Existing(context, table, statement))
                yield return Found($"drops table {table} and all its rows.", table.Display);
    }
}

/// <summary>RT005: a NOT NULL column without a default added to an existing table.</summary>
public sealed class NotNullWithoutDefaultCheck() : RuleCheck(CommonRules.NotNullWithoutDefault)
{
    private static readonly HashSet<string> Serials = new(StringComparer.Ordinal) { "SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL2", "SERIAL4", "SERIAL8" };

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is AddColumnOperation { Column: { Nullable: false, Default: null, Identity: false } c } a && Existing(context, a.Schema, a.TableName)
            && !(c.Type is Schema.Types.CustomType ct && Serials.Contains(ct.Name.ToUpperInvariant())))
            yield return Found($"adds column {c.Name} to {Display(a.Schema, a.TableName)} as NOT NULL without a default.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        foreach (var c in LintSql.ColumnDefinitions(statement))
            if (!c.InCreateTable && c.NotNull && c.Default is null && !c.Has("GENERATED") && !Serials.Contains(c.TypeWord) && Existing(context, c.Table, statement))
                yield return Found($"adds column {c.Column} to {c.Table} as NOT NULL without a default.", c.Table.Display);
    }
}

/// <summary>RT008: a column of an existing table made nullable.</summary>
public sealed class DropNotNullCheck() : RuleCheck(CommonRules.DropNotNull)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is AlterColumnOperation { NewNullable: true } a && Existing(context, a.Schema, a.TableName))
            yield return Found($"makes column {a.ColumnName} of {Display(a.Schema, a.TableName)} nullable.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
        {
            var i = 0;
            if (!LintSql.Skip(action, ref i, "ALTER")) continue;
            LintSql.Skip(action, ref i, "COLUMN");
            if (i < action.Count && action[i].IsName && LintSql.At(action, i + 1, "DROP", "NOT", "NULL"))
                yield return Found($"makes column {action[i].FoldedIdentifier} of {alter.Table} nullable.", alter.Table.Display);
        }
    }
}

/// <summary>RT009: DROP … CASCADE.</summary>
public sealed class DropCascadeCheck() : RuleCheck(CommonRules.DropCascade)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (t.Count == 0 || !t[^1].Is("CASCADE")) yield break;
        if (LintSql.Is(t, 0, "DROP") && t.Count > 1)
            yield return Found($"drops {t[1].Text.ToUpperInvariant()} {(t.Count > 2 ? t[^2].Text : "")} with CASCADE, removing whatever depends on it.", null);
        else if (LintSql.AlterTable(statement) is { } alter && alter.Actions.Any(a => a[0].Is("DROP")))
            yield return Found($"drops from {alter.Table} with CASCADE, removing whatever depends on it.", alter.Table.Display);
    }
}

/// <summary>RT010: BEGIN, COMMIT, ROLLBACK and the like in a revision's SQL.</summary>
public sealed class TransactionControlCheck() : RuleCheck(CommonRules.TransactionControl)
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal) { "BEGIN", "COMMIT", "ROLLBACK", "END", "ABORT" };

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (t.Count == 0 || t[0].Kind != SqlTokenKind.Word) yield break;
        var word = t[0].Text.ToUpperInvariant();
        if (Words.Contains(word) || LintSql.At(t, 0, "START", "TRANSACTION"))
            yield return Found($"runs {(word == "START" ? "START TRANSACTION" : word)} inside the revision, which ends or starts a transaction behind Retort's back.", null);
    }
}

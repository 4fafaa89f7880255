using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT015: a column type change that is not binary-coercible, on an existing table.</summary>
public sealed class TypeChangeRewriteCheck() : RuleCheck(PostgreSqlRules.TypeChangeRewrite)
{
    private static readonly HashSet<string> MaybeCoercible = new(StringComparer.Ordinal) { "TEXT", "VARCHAR", "CHARACTER", "NUMERIC", "DECIMAL", "CIDR", "INET" };

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is not AlterColumnOperation { NewType: { } to } a || !Existing(context, a.Schema, a.TableName)) yield break;
        var table = Display(a.Schema, a.TableName);
        if (a.Using is null && a.ExistingType is { } from && (from == to || BinaryCoercible(from, to))) yield break;
        if (a.Using is null && a.ExistingType is null && to is TextType or StringType or NumericType)
            yield return Found(LintSeverity.Warning, $"changes column {a.ColumnName} of {table} to {to} without saying its previous type (existingType:); unless the change is binary-coercible, {table} is rewritten under ACCESS EXCLUSIVE.", table);
        else
            yield return Found($"changes column {a.ColumnName} of {table} to {to}{(a.ExistingType is null ? "" : " from " + a.ExistingType)}: {table} is rewritten under ACCESS EXCLUSIVE.", table);
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
        {
            if (TypeChange.Read(action) is not { } change) continue;
            var word = change.Type.Count > 0 ? change.Type[0].Text.ToUpperInvariant() : "";
            if (!change.Using && MaybeCoercible.Contains(word))
                yield return Found(LintSeverity.Warning, $"changes column {change.Column} of {alter.Table} to {change.TypeText}; unless the change is binary-coercible (varchar(n) to a longer varchar or text), {alter.Table} is rewritten under ACCESS EXCLUSIVE.", alter.Table.Display);
            else
                yield return Found($"changes column {change.Column} of {alter.Table} to {change.TypeText}{(change.Using ? " USING an expression" : "")}: {alter.Table} is rewritten under ACCESS EXCLUSIVE.", alter.Table.Display);
        }
    }

    /// <summary>True when PostgreSQL changes <paramref name="from"/> to <paramref name="to"/> without rewriting the table.</summary>
    public static bool BinaryCoercible(SqlType from, SqlType to) => (from, to) switch
    {
        (StringType f, StringType t) => t.Length is null || (f.Length is { } n && t.Length >= n),
        (StringType or TextType, TextType) => true,
        (TextType, StringType { Length: null }) => true,
        (NumericType f, NumericType t) => t.Precision is null || (f.Precision is { } p && t.Precision >= p && (t.Scale ?? 0) == (f.Scale ?? 0)),
        (BinaryType, BinaryType) => true,
        _ => false,
    };
}

/// <summary>RT016: a column added to an existing table with a volatile default.</summary>
public sealed class VolatileDefaultCheck() : RuleCheck(PostgreSqlRules.VolatileDefault)
{
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal)
    {
        "RANDOM", "CLOCK_TIMESTAMP", "TIMEOFDAY", "GEN_RANDOM_UUID", "UUID_GENERATE_V1", "UUID_GENERATE_V1MC", "UUID_GENERATE_V4", "NEXTVAL", "SETSEED", "RANDOM_NORMAL",
    };

    /// <summary>The volatile function the default calls, or null.</summary>
    internal static string? VolatileCall(IReadOnlyList<SqlToken> tokens)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
            if (tokens[i].Kind == SqlTokenKind.Word && tokens[i + 1].IsSymbol('(') && Volatile.Contains(tokens[i].Text.ToUpperInvariant())) return tokens[i].Text;
        return null;
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is AddColumnOperation { Column.Default: ExpressionDefault e } a && Existing(context, a.Schema, a.TableName)
            && VolatileCall(SqlLexer.Tokenize(e.Expression, context.Flavor).SkipTrivia().ToList()) is { } call)
            yield return Found($"adds column {a.Column.Name} to {Display(a.Schema, a.TableName)} with the volatile default {call}(): every row is rewritten under ACCESS EXCLUSIVE.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        foreach (var c in LintSql.ColumnDefinitions(statement))
            if (!c.InCreateTable && c.Default is { } d && VolatileCall(d) is { } call && Existing(context, c.Table, statement))
                yield return Found($"adds column {c.Column} to {c.Table} with the volatile default {call}(): every row is rewritten under ACCESS EXCLUSIVE.", c.Table.Display);
    }
}

/// <summary>RT017: a column added with a default to an existing table on PostgreSQL 10 or older.</summary>
public sealed class DefaultBeforeVersion11Check() : RuleCheck(PostgreSqlRules.DefaultBeforeVersion11)
{
    private bool Applies(LintContext context) => context.ServerVersion is { } v && v < Rule.GoneInVersion!;

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (Applies(context) && operation is AddColumnOperation { Column.Default: not null } a && Existing(context, a.Schema, a.TableName))
            yield return Found($"adds column {a.Column.Name} to {Display(a.Schema, a.TableName)} with a default on PostgreSQL {context.ServerVersion}: every row is rewritten under ACCESS EXCLUSIVE.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (!Applies(context)) yield break;
        foreach (var c in LintSql.ColumnDefinitions(statement))
            if (!c.InCreateTable && c.Default is not null && Existing(context, c.Table, statement))
                yield return Found($"adds column {c.Column} to {c.Table} with a default on PostgreSQL {context.ServerVersion}: every row is rewritten under ACCESS EXCLUSIVE.", c.Table.Display);
    }
}

/// <summary>RT023: SET NOT NULL on an existing table without a validated CHECK that proves it.</summary>
public sealed class SetNotNullCheck() : RuleCheck(PostgreSqlRules.SetNotNull)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is AlterColumnOperation { NewNullable: false } a && Existing(context, a.Schema, a.TableName) && !Proven(context, null, a.TableName, a.ColumnName))
            yield return Found($"makes column {a.ColumnName} of {Display(a.Schema, a.TableName)} NOT NULL, scanning every row under ACCESS EXCLUSIVE.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
            if (PgSql.AlterColumn(action) is { } column && LintSql.At(action, column.Next, "SET", "NOT", "NULL") && !Proven(context, statement, alter.Table.Name, column.Column))
                yield return Found($"makes column {column.Column} of {alter.Table} NOT NULL, scanning every row under ACCESS EXCLUSIVE.", alter.Table.Display);
    }

    // A CHECK (column IS NOT NULL) added earlier and validated (added without NOT VALID, or validated after) lets
    // PostgreSQL 12 and later skip the scan.
    private static bool Proven(LintContext context, LintStatement? current, string table, string column)
    {
        if (context.ServerVersion is { } v && v < new Version(12, 0)) return false;
        bool Mentions(IReadOnlyList<SqlToken> tokens) => Enumerable.Range(0, tokens.Count).Any(i => tokens[i].IsName && tokens[i].FoldedIdentifier == column.ToLowerInvariant() && LintSql.At(tokens, i + 1, "IS", "NOT", "NULL"));
        foreach (var op in EarlierOperations(context))
            if (op is AddConstraintOperation { Constraint: CheckConstraint c } a && string.Equals(a.TableName, table, StringComparison.OrdinalIgnoreCase)
                && Mentions(SqlLexer.Tokenize(c.Expression, context.Flavor).SkipTrivia().ToList()))
                return true;
        var notValid = false;
        foreach (var s in EarlierStatements(context, current))
        {
            if (LintSql.AlterTable(s) is not { } alter || alter.Table.Name != table) continue;
            foreach (var action in alter.Actions)
            {
                if (PgSql.AddConstraint(action) is { Kind: "CHECK" } c && Mentions(action))
                {
                    if (!c.NotValid) return true;
                    notValid = true;
                }
                if (notValid && LintSql.At(action, 0, "VALIDATE", "CONSTRAINT")) return true;
            }
        }
        return false;
    }
}

/// <summary>RT028: a serial, identity or stored generated column added to an existing table.</summary>
public sealed class AddSerialOrStoredColumnCheck() : RuleCheck(PostgreSqlRules.AddSerialOrStoredColumn)
{
    internal static readonly HashSet<string> Serials = new(StringComparer.Ordinal) { "SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL2", "SERIAL4", "SERIAL8" };

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is AddColumnOperation a && (a.Column.Identity || a.Column.Type is CustomType ct && Serials.Contains(ct.Name.ToUpperInvariant())) && Existing(context, a.Schema, a.TableName))
            yield return Found($"adds {(a.Column.Identity ? "identity" : "serial")} column {a.Column.Name} to {Display(a.Schema, a.TableName)}: a value is drawn for every row, rewriting the table under ACCESS EXCLUSIVE.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        foreach (var c in LintSql.ColumnDefinitions(statement))
        {
            if (c.InCreateTable || !Existing(context, c.Table, statement)) continue;
            var kind = Serials.Contains(c.TypeWord) ? "serial" : LintSql.Has(c.Constraints, "AS", "IDENTITY") ? "identity" : c.Has("GENERATED") && c.Has("STORED") ? "stored generated" : null;
            if (kind is not null)
                yield return Found($"adds {kind} column {c.Column} to {c.Table}: a value is computed for every row, rewriting the table under ACCESS EXCLUSIVE.", c.Table.Display);
        }
    }
}

/// <summary>RT018 (SET TABLESPACE) and RT042 (SET LOGGED / UNLOGGED): ALTER TABLE actions that copy the table.</summary>
public sealed class TableCopyActionCheck : RuleCheck
{
    private readonly string[] _words;

    private TableCopyActionCheck(LintRule rule, params string[] words) : base(rule) => _words = words;

    /// <summary>RT018.</summary>
    public static TableCopyActionCheck SetTablespace { get; } = new(PostgreSqlRules.SetTablespace, "TABLESPACE");

    /// <summary>RT042.</summary>
    public static TableCopyActionCheck SetLogged { get; } = new(PostgreSqlRules.SetLogged, "LOGGED", "UNLOGGED");

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (LintSql.AlterTable(statement) is { } alter)
        {
            if (!Existing(context, alter.Table, statement)) yield break;
            foreach (var action in alter.Actions)
                if (LintSql.Is(action, 0, "SET") && _words.Any(w => LintSql.Is(action, 1, w)))
                    yield return Found($"runs SET {action[1].Text.ToUpperInvariant()} on {alter.Table}, copying the whole table under ACCESS EXCLUSIVE.", alter.Table.Display);
        }
        else if (_words[0] == "TABLESPACE" && LintSql.At(t, 0, "ALTER") && (LintSql.Is(t, 1, "INDEX") || LintSql.Is(t, 1, "MATERIALIZED")) && LintSql.Has(t, "SET", "TABLESPACE"))
            yield return Found($"moves {t[1].Text.ToUpperInvariant()} {t[^3].Text} to another tablespace, copying it under ACCESS EXCLUSIVE.", null);
    }
}

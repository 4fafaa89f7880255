using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>
/// A check with what most rules share: whether a table existed before the plan (no finding is raised for a
/// table the plan created, in C# or in SQL), the SQL statements of the plan before the one being looked at, and findings
/// at a severity other than the rule's.
/// </summary>
/// <param name="rule">The rule the check implements.</param>
public abstract class RuleCheck(LintRule rule) : LintCheck
{
    /// <inheritdoc />
    public override LintRule Rule { get; } = rule;

    /// <summary>A finding at <paramref name="severity"/> instead of the rule's own.</summary>
    protected LintFinding Found(LintSeverity severity, string message, string? table) => new(Rule, severity, message) { Table = table };

    /// <summary>A table's display name (<c>schema.table</c> or <c>table</c>).</summary>
    protected static string Display(string? schema, string table) => schema is null ? table : schema + "." + table;

    /// <summary>True when the table existed before the plan (the plan did not create it, in C# or in an earlier SQL statement).</summary>
    protected static bool Existing(LintContext context, string? schema, string table, LintStatement? current = null) =>
        !IsNew(context, new SqlTableName(schema, table), current);

    /// <summary>True when the table existed before the plan.</summary>
    protected static bool Existing(LintContext context, SqlTableName table, LintStatement? current = null) => !IsNew(context, table, current);

    private static bool IsNew(LintContext context, SqlTableName table, LintStatement? current)
    {
        // An unqualified name and "public." name the same table on PostgreSQL, "main." on SQLite.
        bool Created(string? schema) => context.IsNewTable(schema, table.Name);
        if (Created(table.Schema)) return true;
        if (table.Schema is null && (Created("public") || Created("main"))) return true;
        if (table.Schema is "public" or "main" && Created(null)) return true;
        foreach (var earlier in EarlierStatements(context, current))
            if (LintSql.CreatedTable(earlier) is { } created && created.Name == table.Name && (created.Schema == table.Schema || created.Schema is null || table.Schema is null))
                return true;
        return false;
    }

    /// <summary>
    /// The SQL statements the plan runs before the one being looked at: those of earlier raw SQL operations, then those
    /// of the current operation before <paramref name="current"/> (all of them before an operation that is not SQL).
    /// </summary>
    protected static IEnumerable<LintStatement> EarlierStatements(LintContext context, LintStatement? current) =>
        context.Statements is { } split ? EarlierSplit(context, split, current) : EarlierRead(context, current);

    // The statements the linter split once (they carry whether they run outside the transaction already).
    private static IEnumerable<LintStatement> EarlierSplit(LintContext context, IReadOnlyList<IReadOnlyList<LintStatement>> split, LintStatement? current)
    {
        for (var i = 0; i < context.Index && i < split.Count; i++)
            foreach (var s in split[i]) yield return s;
        if (current is null || context.Index >= split.Count) yield break;
        foreach (var s in split[context.Index])
        {
            if (ReferenceEquals(s, current) || s.Text == current.Text) yield break;
            yield return s;
        }
    }

    private static IEnumerable<LintStatement> EarlierRead(LintContext context, LintStatement? current)
    {
        for (var i = 0; i < context.Index && i < context.Plan.Count; i++)
            if (context.Plan[i] is ExecuteSqlOperation sql)
                foreach (var s in LintSql.Statements(sql.Sql, context.Flavor)) yield return s with { OutsideTransaction = sql.OutsideTransaction };
        if (current is null || context.Index >= context.Plan.Count || context.Plan[context.Index] is not ExecuteSqlOperation own) yield break;
        var text = current.Text.Trim().TrimEnd(';').Trim();
        foreach (var s in LintSql.Statements(own.Sql, context.Flavor))
        {
            if (s.Text.Trim().TrimEnd(';').Trim() == text) yield break;
            yield return s with { OutsideTransaction = own.OutsideTransaction };
        }
    }

    /// <summary>The operations of the plan before the one being looked at.</summary>
    protected static IEnumerable<MigrationOperation> EarlierOperations(LintContext context) => context.Plan.Take(Math.Min(context.Index, context.Plan.Count));

    /// <summary>True when the statement runs inside the revision's transaction.</summary>
    protected static bool InTransaction(LintStatement statement, LintContext context) => context.InTransaction && !statement.OutsideTransaction;

    /// <summary>Reads a SQL text as the context's dialect reads it.</summary>
    protected static IEnumerable<LintStatement> Statements(LintContext context, string sql) => LintSql.Statements(sql, context.Flavor);

    /// <summary>The word a token list starts with, in upper case, or "".</summary>
    protected static string First(IReadOnlyList<SqlToken> tokens) => tokens.Count > 0 && tokens[0].Kind == SqlTokenKind.Word ? tokens[0].Text.ToUpperInvariant() : "";
}

using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT023: SET NOT NULL on an existing table without a validated CHECK that proves it.</summary>
public sealed class SetNotNullCheck() : RuleCheck(PostgreSqlRules.SetNotNull)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is AlterColumnOperation { NewNullable: false } a && PgSql.RunsPlain(a) && Existing(context, a.Schema, a.TableName) && !Proven(context, null, a.TableName, a.ColumnName))
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

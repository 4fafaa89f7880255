using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

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

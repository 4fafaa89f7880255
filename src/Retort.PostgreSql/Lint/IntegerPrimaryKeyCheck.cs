using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT029: a primary key of integer (or serial) type, which will overflow on a busy table.</summary>
public sealed class IntegerPrimaryKeyCheck() : RuleCheck(PostgreSqlRules.IntegerPrimaryKey)
{
    private static readonly HashSet<string> SmallIntegers = new(StringComparer.Ordinal) { "INT", "INTEGER", "INT4", "INT2", "SMALLINT", "SERIAL", "SERIAL4", "SERIAL2", "SMALLSERIAL" };

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is not CreateTableOperation { Table: var table } || table.PrimaryKey is not { } pk) yield break;
        foreach (var name in pk.Columns)
            if (table.Columns.FirstOrDefault(c => c.Name == name) is { } column
                && (column.Type is IntegerType { Size: not IntegerSize.Int64 } || column.Type is CustomType ct && SmallIntegers.Contains(ct.Name.ToUpperInvariant())))
                yield return Found($"makes {column.Type} column {name} the primary key of {table.DisplayName}; it stops at 2,147,483,647 (smallint: 32,767).", table.DisplayName);
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var columns = LintSql.ColumnDefinitions(statement).Where(c => c.InCreateTable).ToList();
        if (columns.Count == 0) return [];
        var keyed = new HashSet<string>(columns.Where(c => LintSql.Has(c.Constraints, "PRIMARY", "KEY")).Select(c => c.Column));
        var t = statement.Tokens;
        for (var i = 0; i < t.Count; i++)
            if (t[i].Depth == 1 && LintSql.At(t, i, "PRIMARY", "KEY") && i + 2 < t.Count && t[i + 2].IsSymbol('('))
                foreach (var part in LintSql.SplitAtCommas(t, i + 3, LintSql.CloseOf(t, i + 2)))
                    keyed.Add(part[0].FoldedIdentifier);
        return columns.Where(c => keyed.Contains(c.Column) && SmallIntegers.Contains(c.TypeWord))
            .Select(c => Found($"makes {c.TypeText} column {c.Column} the primary key of {c.Table}; it stops at 2,147,483,647 (smallint: 32,767).", c.Table.Display)).ToList();
    }
}

using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>
/// The type advice rules (RT027 serial, RT030 timestamp, RT031 json, RT032 char(n), RT033 varchar(n)): a column created,
/// added or changed to a type the rule advises against, in C# (<see cref="SqlType"/>) or in SQL (its type's tokens).
/// These hold for new tables too: the advice is about the type, not about a lock.
/// </summary>
public sealed class ColumnTypeCheck : RuleCheck
{
    private readonly Func<SqlType, bool> _type;
    private readonly Func<IReadOnlyList<SqlToken>, bool> _sql;
    private readonly string _what;

    private ColumnTypeCheck(LintRule rule, string what, Func<SqlType, bool> type, Func<IReadOnlyList<SqlToken>, bool> sql) : base(rule)
    {
        _what = what;
        _type = type;
        _sql = sql;
    }

    private static bool Custom(SqlType type, params string[] names) => type is CustomType c && names.Any(n => c.Name.Trim().StartsWith(n, StringComparison.OrdinalIgnoreCase) && (c.Name.Trim().Length == n.Length || c.Name.Trim()[n.Length] is '(' or ' '));

    private static string Word(IReadOnlyList<SqlToken> type, int i) => i < type.Count && type[i].IsName ? type[i].Identifier.ToUpperInvariant() : "";

    /// <summary>RT027.</summary>
    public static ColumnTypeCheck Serial { get; } = new(PostgreSqlRules.PreferIdentity, "serial",
        t => Custom(t, "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8"),
        t => AddSerialOrStoredColumnCheck.Serials.Contains(Word(t, 0)));

    /// <summary>RT030.</summary>
    public static ColumnTypeCheck Timestamp { get; } = new(PostgreSqlRules.TimestampWithoutTimeZone, "timestamp without time zone",
        t => t is DateTimeType { WithOffset: false } || Custom(t, "timestamp") && !t.ToString().Contains("with time zone", StringComparison.OrdinalIgnoreCase),
        t => Word(t, 0) == "TIMESTAMP" && !LintSql.HasAnywhere(t, "WITH", "TIME", "ZONE"));

    /// <summary>RT031.</summary>
    public static ColumnTypeCheck Json { get; } = new(PostgreSqlRules.JsonInsteadOfJsonb, "json", t => Custom(t, "json"), t => Word(t, 0) == "JSON");

    /// <summary>RT032.</summary>
    public static ColumnTypeCheck Char { get; } = new(PostgreSqlRules.CharColumn, "char(n)",
        t => Custom(t, "char", "character", "bpchar", "nchar"),
        t => Word(t, 0) is "CHAR" or "BPCHAR" or "NCHAR" || Word(t, 0) == "CHARACTER" && Word(t, 1) != "VARYING");

    /// <summary>RT033.</summary>
    public static ColumnTypeCheck Varchar { get; } = new(PostgreSqlRules.VarcharLength, "varchar(n)",
        t => t is StringType { Length: not null } || Custom(t, "varchar", "character varying") && t.ToString().Contains('('),
        t => (Word(t, 0) == "VARCHAR" && t.Count > 1 && t[1].IsSymbol('(')) || (Word(t, 0) == "CHARACTER" && Word(t, 1) == "VARYING" && t.Count > 2 && t[2].IsSymbol('(')));

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        switch (operation)
        {
            case CreateTableOperation c:
                foreach (var column in c.Table.Columns.Where(x => _type(x.Type)))
                    yield return Found($"creates column {column.Name} of {c.Table.DisplayName} as {_what}.", c.Table.DisplayName);
                break;
            case AddColumnOperation a when _type(a.Column.Type):
                yield return Found($"adds column {a.Column.Name} to {Display(a.Schema, a.TableName)} as {_what}.", Display(a.Schema, a.TableName));
                break;
            case AlterColumnOperation { NewType: { } type } a when _type(type):
                yield return Found($"changes column {a.ColumnName} of {Display(a.Schema, a.TableName)} to {_what}.", Display(a.Schema, a.TableName));
                break;
        }
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        foreach (var c in LintSql.ColumnDefinitions(statement))
            if (_sql(c.Type))
                yield return Found($"{(c.InCreateTable ? "creates" : "adds")} column {c.Column} {(c.InCreateTable ? "of" : "to")} {c.Table} as {_what}.", c.Table.Display);
        if (LintSql.AlterTable(statement) is { } alter)
            foreach (var action in alter.Actions)
                if (TypeChange.Read(action) is { } change && _sql(change.Type))
                    yield return Found($"changes column {change.Column} of {alter.Table} to {_what}.", alter.Table.Display);
    }
}

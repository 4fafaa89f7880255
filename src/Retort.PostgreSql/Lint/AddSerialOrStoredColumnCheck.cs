using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

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

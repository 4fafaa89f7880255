using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint.Rules;

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

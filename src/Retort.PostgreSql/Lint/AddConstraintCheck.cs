using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;

using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>
/// The rules about constraints added to an existing table (RT021 CHECK, RT022 foreign key, RT024 UNIQUE, RT025 primary
/// key, RT045 EXCLUDE): one check per rule, each for one kind of constraint.
/// </summary>
public sealed class AddConstraintCheck : RuleCheck
{
    private readonly string _kind;
    private readonly Func<TableConstraint, bool> _matches;
    private readonly bool _safeWithNotValid;
    private readonly bool _safeWithUsingIndex;

    private AddConstraintCheck(LintRule rule, string kind, Func<TableConstraint, bool> matches, bool notValid, bool usingIndex) : base(rule)
    {
        _kind = kind;
        _matches = matches;
        _safeWithNotValid = notValid;
        _safeWithUsingIndex = usingIndex;
    }

    /// <summary>RT021.</summary>
    public static AddConstraintCheck Check { get; } = new(PostgreSqlRules.CheckWithoutNotValid, "CHECK", c => c is CheckConstraint, true, false);

    /// <summary>RT022.</summary>
    public static AddConstraintCheck ForeignKey { get; } = new(PostgreSqlRules.ForeignKeyWithoutNotValid, "FOREIGN", c => c is ForeignKeyConstraint, true, false);

    /// <summary>RT024.</summary>
    public static AddConstraintCheck Unique { get; } = new(PostgreSqlRules.UniqueWithoutIndex, "UNIQUE", c => c is UniqueConstraint, false, true);

    /// <summary>RT025.</summary>
    public static AddConstraintCheck PrimaryKey { get; } = new(PostgreSqlRules.PrimaryKeyWithoutIndex, "PRIMARY", c => c is PrimaryKeyConstraint, false, true);

    /// <summary>RT045.</summary>
    public static AddConstraintCheck Exclude { get; } = new(PostgreSqlRules.ExclusionConstraint, "EXCLUDE", _ => false, false, false);

    private string What => _kind switch { "FOREIGN" => "foreign key", "PRIMARY" => "primary key", "EXCLUDE" => "exclusion constraint", _ => _kind + " constraint" };

    private string Fix => _safeWithNotValid ? " without NOT VALID" : _safeWithUsingIndex ? " without USING INDEX" : "";

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is AddConstraintOperation a && _matches(a.Constraint) && PgSql.RunsPlain(a) && Existing(context, a.Schema, a.TableName))
            yield return Found($"adds {What} {a.Constraint.Name} to {Display(a.Schema, a.TableName)}{Fix}, checking every existing row under the lock.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
            if (PgSql.AddConstraint(action) is { } c && c.Kind == _kind && !(_safeWithNotValid && c.NotValid) && !(_safeWithUsingIndex && c.UsingIndex))
                yield return Found($"adds {What} {c.Name ?? "(unnamed)"} to {alter.Table}{Fix}, checking every existing row under the lock.", alter.Table.Display);
    }
}

using Retort.Dialects;
using Retort.Operations;
using Retort.PostgreSql.Internal;

namespace Retort.PostgreSql;

public sealed partial class PostgreSqlDdlGenerator
{
    /// <inheritdoc />
    public override bool SupportsExpandContract => true;

    /// <inheritdoc />
    public override IReadOnlyList<MigrationOperation> Expand(IReadOnlyList<MigrationOperation> plan, OnlineVersions versions)
    {
        var online = plan.OfType<OnlineOperation>().ToList();
        if (online.GroupBy(o => (OnlineSql.SchemaOf(o), o.TableName)).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new RetortException($"Revision {versions.Revision} has {twice.Count()} online operations on table {twice.Key.Item1}.{twice.Key.TableName} " +
                $"({string.Join("; ", twice.Select(o => o.Describe()))}). One online operation per table and revision: put the others in revisions of their own. Nothing was changed.");
        // In the revision's order: the shadow columns and triggers of each online operation, with the plain operations around them.
        var first = new List<MigrationOperation>();
        foreach (var operation in plan)
        {
            if (operation is not OnlineOperation o) first.Add(operation);
            else if (new OnlineSql(this, o, versions).ExpandTable() is { Count: > 0 } statements)
                first.Add(Step(o, "add shadow columns and triggers", RecipeStepRun.InTransaction, statements));
        }
        var steps = SafeRecipes(first).ToList();
        foreach (var o in online)
            if (new OnlineSql(this, o, versions).Backfill() is { } backfill) steps.Add(backfill);
        foreach (var o in online)
            if (new OnlineSql(this, o, versions).ValidateNotNull() is { Count: > 0 } validate)
                steps.Add(Step(o, "validate the NOT NULL checks of the new columns", RecipeStepRun.OwnTransaction, validate));
        foreach (var o in online)
            steps.Add(Step(o, "create the views of the old and the new version", RecipeStepRun.InTransaction, new OnlineSql(this, o, versions).Views()));
        return steps;
    }

    /// <inheritdoc />
    public override IReadOnlyList<SqlStatement> Contract(IReadOnlyList<OnlineOperation> operations, OnlineVersions versions) =>
    [
        .. operations.Select(OnlineSql.SchemaOf).Distinct().Select(s => Schema($"DROP SCHEMA IF EXISTS {Q(versions.OldSchema(s))} CASCADE")),
        .. operations.SelectMany(o => new OnlineSql(this, o, versions).Contract()),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<SqlStatement> AbortExpand(IReadOnlyList<OnlineOperation> operations, OnlineVersions versions) =>
    [
        .. operations.Select(OnlineSql.SchemaOf).Distinct().SelectMany(s => new[]
        {
            Schema($"DROP SCHEMA IF EXISTS {Q(versions.NewSchema(s))} CASCADE"),
            // The old version's schema only when this revision's expand made it (an earlier revision's may be in use).
            Schema($"DO $retort$ BEGIN IF EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = {Dialect.RenderLiteral(versions.OldSchema(s))} " +
                $"AND obj_description(n.oid, 'pg_namespace') = {Dialect.RenderLiteral(OnlineSql.MadeBy(versions))}) THEN DROP SCHEMA {Q(versions.OldSchema(s))} CASCADE; END IF; END $retort$"),
        }),
        .. operations.SelectMany(o => new OnlineSql(this, o, versions).Abort()),
    ];

    /// <summary>A schema statement (the lock-wait policy retries it).</summary>
    internal static SqlStatement Schema(string sql) => new(sql) { Kind = StatementKind.Schema };

    /// <summary><see cref="DdlGenerator.Q(string)"/> for the expand and contract SQL.</summary>
    internal string Quote(string identifier) => Q(identifier);

    /// <summary><see cref="DdlGenerator.Q(string?, string)"/> for the expand and contract SQL.</summary>
    internal string Quote(string schema, string name) => Q(schema, name);
}

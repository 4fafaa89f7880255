using System.Collections.Frozen;
using Retort.Operations;

namespace Retort.Dialects;

public abstract partial class DdlGenerator
{
    /// <summary>
    /// What this dialect does with each kind of operation, by the registered operation type
    /// (<see cref="OperationRegistration.OperationType"/>): one entry for every kind in <see cref="OperationRegistry.All"/>.
    /// </summary>
    protected abstract IReadOnlyDictionary<Type, OperationSupport> SupportByKind { get; }

    /// <summary>What this dialect does with a kind of operation, or null when it has not declared it (then it refuses it).</summary>
    /// <param name="operationType">The operation type (a registered type, or one derived from it).</param>
    public OperationSupport? SupportFor(Type operationType) =>
        OperationRegistry.Find(operationType)?.OperationType is { } kind && SupportByKind.TryGetValue(kind, out var support) ? support : null;

    /// <summary>True when the base generator has a method for the registered operation type (every kind must).</summary>
    internal static bool HasMethodFor(Type operationType) => Methods.ContainsKey(operationType);

    // The method for each registered kind, built once: a virtual method per kind, or the step the runner runs.
    private static readonly FrozenDictionary<Type, Func<DdlGenerator, MigrationOperation, IReadOnlyList<MigrationStep>>> Methods = BuildMethods();

    private static FrozenDictionary<Type, Func<DdlGenerator, MigrationOperation, IReadOnlyList<MigrationStep>>> BuildMethods()
    {
        var methods = new Dictionary<Type, Func<DdlGenerator, MigrationOperation, IReadOnlyList<MigrationStep>>>();
        void Add<TOperation>(Func<DdlGenerator, TOperation, IReadOnlyList<MigrationStep>> method) where TOperation : MigrationOperation =>
            methods.Add(typeof(TOperation), (generator, operation) => method(generator, (TOperation)operation));

        Add<CreateTableOperation>((g, o) => Schema(g.CreateTable(o)));
        Add<DropTableOperation>((g, o) => Schema(g.DropTable(o)));
        Add<RenameTableOperation>((g, o) => Schema(g.RenameTable(o)));
        Add<AlterTableCommentOperation>((g, o) => Schema(g.AlterTableComment(o)));
        Add<AddColumnOperation>((g, o) => Schema(g.AddColumn(o)));
        Add<DropColumnOperation>((g, o) => Schema(g.DropColumn(o)));
        Add<AlterColumnOperation>((g, o) => Schema(g.AlterColumn(o)));
        Add<CreateIndexOperation>((g, o) => Schema(g.CreateIndex(o)));
        Add<DropIndexOperation>((g, o) => Schema(g.DropIndex(o)));
        Add<AddConstraintOperation>((g, o) => Schema(g.AddConstraint(o)));
        Add<DropConstraintOperation>((g, o) => Schema(g.DropConstraint(o)));
        Add<CreateSchemaOperation>((g, o) => Schema(g.CreateSchema(o)));
        Add<DropSchemaOperation>((g, o) => Schema(g.DropSchema(o)));
        Add<CreateEnumTypeOperation>((g, o) => Schema(g.CreateEnumType(o)));
        Add<AddEnumValueOperation>((g, o) => Schema(g.AddEnumValue(o)));
        Add<DropEnumTypeOperation>((g, o) => Schema(g.DropEnumType(o)));
        Add<ExecuteSqlOperation>((g, o) => Steps(g.ExecuteSql(o), StatementKind.Unclassified));
        Add<BulkInsertOperation>((g, o) => Steps(g.BulkInsert(o), StatementKind.Data));
        Add<CodeStepOperation>((_, o) => [new MigrationStep.Code(o)]);
        Add<BackfillOperation>((_, o) => [new MigrationStep.Data(o)]);
        Add<TransformOperation>((_, o) => [new MigrationStep.Data(o)]);
        Add<OnlineRenameColumnOperation>((g, o) => g.OnlineFinalShape(o));
        Add<OnlineRenameTableOperation>((g, o) => g.OnlineFinalShape(o));
        Add<OnlineAlterColumnTypeOperation>((g, o) => g.OnlineFinalShape(o));
        Add<OnlineSetNotNullOperation>((g, o) => g.OnlineFinalShape(o));
        Add<OnlineDropColumnOperation>((g, o) => g.OnlineFinalShape(o));
        Add<OnlineSplitColumnOperation>((g, o) => g.OnlineFinalShape(o));
        Add<OnlineMergeColumnsOperation>((g, o) => g.OnlineFinalShape(o));
        return methods.ToFrozenDictionary();
    }

    private static IReadOnlyList<MigrationStep> Schema(IEnumerable<SqlStatement> statements) => Steps(statements, StatementKind.Schema);

    private static IReadOnlyList<MigrationStep> Steps(IEnumerable<SqlStatement> statements, StatementKind kind) =>
        statements.Select(s => (MigrationStep)(s.Kind == StatementKind.Unclassified && kind != StatementKind.Unclassified ? s with { Kind = kind } : s)).ToList();
}

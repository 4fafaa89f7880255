using System.Collections.Frozen;

namespace Retort.Operations;

/// <summary>
/// Every kind of operation Retort has, each with its <see cref="OperationRegistration"/>. Code that treats
/// operations by kind (the C# writer, the offline schema tracker, offline scripts, each dialect's SQL generator) asks
/// here instead of switching on types. Adding an operation: its type with a static <c>Registration</c>, a line
/// below, a method for it in <c>DdlGenerator</c> and each dialect's declaration of it; the registry tests say what
/// is missing.
/// </summary>
public static class OperationRegistry
{
    /// <summary>Every registration, one per operation type.</summary>
    public static IReadOnlyList<OperationRegistration> All { get; } =
    [
        CreateTableOperation.Registration,
        DropTableOperation.Registration,
        RenameTableOperation.Registration,
        AlterTableCommentOperation.Registration,
        AddColumnOperation.Registration,
        DropColumnOperation.Registration,
        AlterColumnOperation.Registration,
        CreateIndexOperation.Registration,
        DropIndexOperation.Registration,
        AddConstraintOperation.Registration,
        DropConstraintOperation.Registration,
        CreateSchemaOperation.Registration,
        DropSchemaOperation.Registration,
        CreateEnumTypeOperation.Registration,
        AddEnumValueOperation.Registration,
        DropEnumTypeOperation.Registration,
        ExecuteSqlOperation.Registration,
        BulkInsertOperation.Registration,
        CodeStepOperation.Registration,
        BackfillOperation.Registration,
        TransformOperation.Registration,
        OnlineRenameColumnOperation.Registration,
        OnlineRenameTableOperation.Registration,
        OnlineAlterColumnTypeOperation.Registration,
        OnlineSetNotNullOperation.Registration,
        OnlineDropColumnOperation.Registration,
        OnlineSplitColumnOperation.Registration,
        OnlineMergeColumnsOperation.Registration,
    ];

    private static readonly FrozenDictionary<Type, OperationRegistration> ByType = All.ToFrozenDictionary(r => r.OperationType);

    /// <summary>
    /// The registration for an operation type, or null when it has none: the type's own, or that of the nearest
    /// registered base type (the instances of a generic operation type share their abstract base's).
    /// </summary>
    public static OperationRegistration? Find(Type operationType)
    {
        for (var type = operationType; type is not null && type != typeof(MigrationOperation); type = type.BaseType)
            if (ByType.TryGetValue(type, out var registration)) return registration;
        return null;
    }

    /// <summary>The registration for an operation type.</summary>
    /// <exception cref="RetortException">The type is not registered.</exception>
    public static OperationRegistration For(Type operationType) => Find(operationType)
        ?? throw new RetortException($"The operation type {operationType.Name} is not registered: give it a static Registration and list it in OperationRegistry.All.");

    /// <summary>The registration for an operation.</summary>
    /// <exception cref="RetortException">Its type is not registered.</exception>
    public static OperationRegistration For(MigrationOperation operation) => For(operation.GetType());
}

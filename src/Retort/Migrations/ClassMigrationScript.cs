using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Retort.Migrations;

/// <summary>A revision written as a C# <see cref="Migration"/> class.</summary>
public sealed class ClassMigrationScript : IMigrationScript
{
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    private readonly Type _type;

    /// <summary>Wraps a migration type; it needs a public parameterless constructor.</summary>
    public ClassMigrationScript([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type)
    {
        if (!typeof(Migration).IsAssignableFrom(type) || type.IsAbstract)
            throw new RetortException($"{type.FullName} carries [Revision] but is not a concrete Migration class; derive it from Retort.Migrations.Migration.");
        if (type.GetConstructor(Type.EmptyTypes) is null)
            throw new RetortException($"Revision class {type.FullName} needs a public parameterless constructor.");
        _type = type;
        IrreversibleReason = type.GetCustomAttribute<IrreversibleAttribute>()?.Reason;
        SourceFile = type.GetCustomAttribute<RevisionAttribute>()?.SourceFile is { Length: > 0 } file ? file : null;
    }

    /// <summary>The file the class is written in (see <see cref="RevisionAttribute.SourceFile"/>), or null when unknown.</summary>
    public string? SourceFile { get; }

    /// <inheritdoc />
    public string? IrreversibleReason { get; }

    /// <inheritdoc />
    public string Source => _type.FullName ?? _type.Name;

    /// <inheritdoc />
    public void BuildUpgrade(Op op) => Create().Upgrade(op);

    /// <inheritdoc />
    public void BuildDowngrade(Op op)
    {
        if (IrreversibleReason is not null)
            throw new RetortException($"Revision class {Source}{(SourceFile is null ? "" : $" ({SourceFile})")} is marked irreversible: {IrreversibleReason}");
        Create().Downgrade(op);
    }

    private Migration Create() => (Migration)Activator.CreateInstance(_type)!;
}

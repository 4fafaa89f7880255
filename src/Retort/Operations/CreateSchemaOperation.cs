using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>Creates a schema if it does not exist (PostgreSQL <c>CREATE SCHEMA IF NOT EXISTS</c>).</summary>
/// <param name="Name">The schema.</param>
public sealed record CreateSchemaOperation(string Name) : MigrationOperation
{
    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new DropSchemaOperation(Name);

    /// <inheritdoc />
    public override string Describe() => $"create schema {Name}";

    /// <summary>What Retort knows about creating a schema (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<CreateSchemaOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.CreateSchema({S(o.Name)});",
        Reverse = Reversibility.Always,
        ReverseNote = "drops the schema",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = TrackedSchema.Unchanged,
    };
}

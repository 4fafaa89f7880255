namespace Retort.Operations;

/// <summary>Drops an empty schema (<c>DROP SCHEMA</c>; it fails while the schema still holds objects).</summary>
/// <param name="Name">The schema.</param>
public sealed record DropSchemaOperation(string Name) : MigrationOperation
{
    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new CreateSchemaOperation(Name);

    /// <inheritdoc />
    public override string Describe() => $"drop schema {Name}";
}

namespace Retort.Lint.Rules;

/// <summary>A table (or other relation) named in a SQL statement, as the database folds it.</summary>
/// <param name="Schema">The schema when the statement named one, else null.</param>
/// <param name="Name">The name, folded as the database reads it (an unquoted name in lower case).</param>
public sealed record SqlTableName(string? Schema, string Name)
{
    /// <summary>The name as a message shows it: <c>schema.name</c> or <c>name</c>.</summary>
    public string Display => Schema is null ? Name : Schema + "." + Name;

    /// <inheritdoc />
    public override string ToString() => Display;
}

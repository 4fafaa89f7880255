namespace Retort.Autogenerate;

/// <summary>What the differ compares and how it treats likely renames.</summary>
public sealed record DiffOptions
{
    /// <summary>Object kinds compared; others are ignored.</summary>
    public ObjectKinds Kinds { get; init; } = ObjectKinds.All;

    /// <summary>
    /// Filter on tables by schema and name; tables it rejects are neither created, dropped nor altered. Retort's
    /// own version and history tables are always excluded.
    /// </summary>
    public Func<string?, string, bool>? IncludeTable { get; init; }

    /// <summary>Names of tables never compared (Retort's own tables by default).</summary>
    public IReadOnlyCollection<string> ExcludedTables { get; init; } = new Runner.MigratorOptions().OwnTables;

    /// <summary>
    /// Emit a dropped and an added column (or table) of the same shape as a rename instead of drop + add (which
    /// loses the data). When false, such pairs are only reported as <see cref="SchemaDiff.RenameHints"/>.
    /// </summary>
    public bool EmitRenames { get; init; }

    internal bool Includes(string? schema, string name) =>
        !ExcludedTables.Contains(name) && (IncludeTable?.Invoke(schema, name) ?? true);
}

namespace Retort.Dialects;

/// <summary>
/// One SQL statement a dialect produced from an operation, with its parameters. The runner executes it online
/// or renders it (parameters as literals) offline, through the same emit point.
/// </summary>
/// <param name="Sql">Statement text; parameters are written <c>@name</c>.</param>
public sealed record SqlStatement(string Sql)
{
    /// <summary>Named parameter values (names without <c>@</c>).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = Empty;

    /// <summary>
    /// False for statements that cannot run inside a transaction (PostgreSQL <c>CREATE INDEX CONCURRENTLY</c>);
    /// the runner commits before them and opens a new transaction after.
    /// </summary>
    public bool Transactional { get; init; } = true;

    /// <summary>
    /// When set, the statement is a check: if it returns any row the revision fails with this message followed
    /// by the rows (for example SQLite's <c>PRAGMA foreign_key_check</c>).
    /// </summary>
    public string? FailIfRowsMessage { get; init; }

    /// <summary>What the statement does, said by the generator that made it; <see cref="StatementKind.Unclassified"/> for raw SQL.</summary>
    public StatementKind Kind { get; init; }

    /// <summary>
    /// For a <see cref="StatementKind.ConcurrentIndex"/> build, the index it creates (quoted, schema-qualified), so an
    /// INVALID index of that name left by an interrupted build is dropped before the statement runs again.
    /// </summary>
    public string? BuildsIndex { get; init; }

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    /// <inheritdoc />
    public override string ToString() => Sql;
}

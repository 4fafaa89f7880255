namespace Retort.Operations;

/// <summary>
/// Runs a SQL statement with named parameters (<c>@name</c>). Offline scripts render the parameters as
/// escaped literals.
/// </summary>
/// <param name="Sql">The statement.</param>
public sealed record ExecuteSqlOperation(string Sql) : MigrationOperation
{
    /// <summary>Parameter values by name (without the <c>@</c>).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Optional statement that undoes this one; makes the operation reversible.</summary>
    public string? ReverseSql { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => ReverseSql is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => ReverseSql is null
        ? throw new IrreversibleOperationException(this, "raw SQL has no reverse unless one is given")
        : new ExecuteSqlOperation(ReverseSql) { ReverseSql = Sql, Parameters = Parameters };

    /// <inheritdoc />
    public override string Describe()
    {
        var oneLine = string.Join(' ', Sql.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return "execute " + (oneLine.Length > 60 ? oneLine[..57] + "..." : oneLine);
    }
}

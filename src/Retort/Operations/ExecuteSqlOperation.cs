using Retort.Internal;

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

    /// <summary>
    /// True for a statement that cannot run inside a transaction (PostgreSQL <c>CREATE INDEX CONCURRENTLY</c>,
    /// <c>VACUUM</c>): the runner commits the revision's work before it, runs it alone and records it as done, so a
    /// rerun after a crash resumes after it (Alembic's <c>autocommit_block</c>). Its reverse runs outside too.
    /// </summary>
    [FingerprintOmitsDefault]
    public bool OutsideTransaction { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => ReverseSql is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => ReverseSql is null
        ? throw new IrreversibleOperationException(this, "raw SQL has no reverse unless one is given")
        : new ExecuteSqlOperation(ReverseSql) { ReverseSql = Sql, Parameters = Parameters, OutsideTransaction = OutsideTransaction };

    /// <inheritdoc />
    public override string Describe()
    {
        var oneLine = string.Join(' ', Sql.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return "execute " + (oneLine.Length > 60 ? oneLine[..57] + "..." : oneLine) + (OutsideTransaction ? " (outside the transaction)" : "");
    }
}

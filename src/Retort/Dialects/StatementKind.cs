namespace Retort.Dialects;

/// <summary>What a statement does, as far as running it is concerned (locks it waits for, transactions it allows).</summary>
public enum StatementKind
{
    /// <summary>Not said by whoever made the statement (raw SQL, Retort's own bookkeeping): the dialect reads its text.</summary>
    Unclassified,

    /// <summary>Reads or writes rows; waits for row locks only.</summary>
    Data,

    /// <summary>Changes the schema; waits for table locks, so it runs under the lock timeout with the retry policy.</summary>
    Schema,

    /// <summary>
    /// Builds or drops an index without blocking writers, outside any transaction (PostgreSQL <c>CONCURRENTLY</c>);
    /// it waits for no lock timeout, and a build first removes what an interrupted one left (see
    /// <see cref="SqlStatement.BuildsIndex"/>).
    /// </summary>
    ConcurrentIndex,
}

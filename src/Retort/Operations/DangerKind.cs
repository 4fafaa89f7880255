namespace Retort.Operations;

/// <summary>What can go wrong when an operation runs on a database that holds data (see <see cref="OperationDanger"/>).</summary>
public enum DangerKind
{
    /// <summary>Rows or values are deleted or cut: a dropped table or column, a narrowed type.</summary>
    LosesData = 1,

    /// <summary>It fails when existing rows break the new rule (a column made NOT NULL while a row holds NULL).</summary>
    MayFailOnExistingRows,

    /// <summary>It cannot be undone once it committed (an enum label PostgreSQL cannot remove).</summary>
    CannotBeUndone,

    /// <summary>
    /// It holds a lock that blocks the application's reads or writes for as long as it reads or rewrites the table
    /// (a type change, an index built without <c>CONCURRENTLY</c>, a constraint checked against every row). How long
    /// depends on the database and the table's size; the dialects' safe recipes avoid it where they can.
    /// </summary>
    LocksOrRewritesTable,
}

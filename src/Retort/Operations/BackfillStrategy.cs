namespace Retort.Operations;

/// <summary>How a backfill changes its table's rows.</summary>
public enum BackfillStrategy
{
    /// <summary>
    /// The default: <c>UPDATE</c> the rows in place, batch by batch. Works on every dialect and for any table; each
    /// batch locks only its own rows. On PostgreSQL every updated row gets a new version and a new entry in each index.
    /// </summary>
    InPlace,

    /// <summary>
    /// PostgreSQL: write the table's rows, with the SET clause applied, into a new copy of the table in batches
    /// (no indexes while copying), record concurrent writes to the original with a trigger and replay them, then
    /// swap the copy in under a short exclusive lock. Faster than updating every row in place on a big table and
    /// leaves no bloat, but it needs the table's size again in free disk space and refuses tables that other
    /// objects refer to (views, foreign keys from other tables, triggers, policies, publications, inheritance).
    /// </summary>
    CopyAndSwap,
}

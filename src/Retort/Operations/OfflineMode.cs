namespace Retort.Operations;

/// <summary>How an offline SQL script (<c>retort upgrade --sql</c>) writes a kind of operation (see <see cref="OfflineSupport"/>).</summary>
public enum OfflineMode
{
    /// <summary>As the very statements an online run executes.</summary>
    Statements = 1,

    /// <summary>As a simpler statement that does the same in one go (a backfill as one <c>UPDATE</c>), with a comment saying so.</summary>
    Simplified,

    /// <summary>Not at all: it needs a live connection, and the script refuses the revision that holds it.</summary>
    Refused,
}

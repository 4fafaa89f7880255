namespace Retort.Operations;

/// <summary>Whether and how an offline SQL script writes a kind of operation.</summary>
/// <param name="Mode">As online, simplified, or refused.</param>
/// <param name="Note">How it is written, or why it cannot be.</param>
public sealed record OfflineSupport(OfflineMode Mode, string Note)
{
    /// <summary>Written as the statements an online run executes.</summary>
    public static OfflineSupport Statements { get; } = new(OfflineMode.Statements, "written as the statements an online run executes");

    /// <summary>Written as a simpler statement that does the same in one go; <paramref name="how"/> says what it is.</summary>
    public static OfflineSupport Simplified(string how) => new(OfflineMode.Simplified, how);

    /// <summary>Refused: <paramref name="why"/> says why it needs a live connection.</summary>
    public static OfflineSupport Refused(string why) => new(OfflineMode.Refused, why);
}

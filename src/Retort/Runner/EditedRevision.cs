namespace Retort.Runner;

/// <summary>
/// An applied revision whose plan changed after it was applied: the checksum of what runs now differs from the one
/// recorded when it was applied (or when an edit was last accepted).
/// </summary>
/// <param name="Revision">Revision id.</param>
/// <param name="Source">Where the revision is defined (its file, or its class).</param>
/// <param name="AppliedAt">When the recorded checksum was written (the upgrade, or the accepted edit).</param>
/// <param name="AppliedChecksum">The checksum recorded in the history table.</param>
/// <param name="CurrentChecksum">The checksum of the revision's upgrade plan now.</param>
public sealed record EditedRevision(string Revision, string Source, DateTimeOffset AppliedAt, string AppliedChecksum, string CurrentChecksum);

using Microsoft.Extensions.Logging;
using Retort.Revisions;

namespace Retort.Runner;

/// <summary>The <see cref="Migrator"/>'s events, handed to a run.</summary>
/// <param name="Starting">Before a revision starts.</param>
/// <param name="Completed">After a revision committed or was skipped.</param>
/// <param name="DataProgress">After every committed batch of a data step.</param>
internal sealed record RunEvents(Action<RevisionInfo, string>? Starting, Action<RevisionRun>? Completed, Action<DataProgress>? DataProgress)
{
    /// <summary>Says that a revision starts, to the handlers and the log.</summary>
    public void Start(RevisionPlan revision, ILogger logger, bool resuming = false)
    {
        Starting?.Invoke(revision.Info, revision.Direction);
        logger.LogInformation(RetortEventIds.RevisionStarting, "Running {Direction} {Revision}: {Message}{Resume}", revision.Direction, revision.Info.Id, revision.Info.Message, resuming ? " (resuming)" : "");
    }
}

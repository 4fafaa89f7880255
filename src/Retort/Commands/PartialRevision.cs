namespace Retort.Commands;

/// <summary>A revision partly applied in one direction: some of its steps committed, and it is not recorded as applied.</summary>
/// <param name="Revision">The revision's id.</param>
/// <param name="Direction"><c>upgrade</c> or <c>downgrade</c>.</param>
/// <param name="Known">False when no revision file defines it any more.</param>
/// <param name="Undoing">True when progress is recorded in both directions: an undo of it stopped part way.</param>
/// <param name="StepsDone">Steps finished.</param>
/// <param name="DataSteps">Data steps with checkpointed rows or not finished.</param>
/// <param name="RowsCheckpointed">Rows those data steps have checkpointed.</param>
public sealed record PartialRevision(string Revision, string Direction, bool Known, bool Undoing, int StepsDone, int DataSteps, long RowsCheckpointed);

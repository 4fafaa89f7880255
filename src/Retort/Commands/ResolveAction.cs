namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.ResolveAsync"/> does with a partly applied revision.</summary>
public enum ResolveAction
{
    /// <summary>Run the rest of the upgrade (or downgrade) that stopped, from its checkpoints, and record the revision.</summary>
    Finish,

    /// <summary>Run the revision's other direction and leave the version table where it was before.</summary>
    Undo,

    /// <summary>Remove the revision's progress rows without running anything, after repairing the database by hand.</summary>
    Forget,
}

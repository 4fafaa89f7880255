using Retort.Operations;

namespace Retort.Dialects;

/// <summary>
/// One step of a dialect's safe recipe for an operation on a table that exists before the revision (PostgreSQL: a
/// constraint added <c>NOT VALID</c>, then validated in a transaction of its own). A dialect makes them in
/// <see cref="DdlGenerator.SafeRecipes"/>; the runner runs each step where <see cref="Run"/> says, as a phase of the
/// revision recorded when it commits, so a run that stops between steps resumes after the last one that committed.
/// The revision's checksum is still that of the operations it was written with.
/// </summary>
/// <param name="Source">The operation the recipe stands for.</param>
/// <param name="What">What this step does, for logs, progress and errors.</param>
/// <param name="Statements">The statements it runs.</param>
public abstract record RecipeStep(MigrationOperation Source, string What, IReadOnlyList<SqlStatement> Statements) : MigrationOperation
{
    /// <summary>Where the step runs among the revision's transactions.</summary>
    public RecipeStepRun Run { get; init; }

    /// <summary>
    /// Statements run outside any transaction when this step fails, removing what the recipe left half made (an
    /// INVALID index, a constraint that is still <c>NOT VALID</c>); the revision's error then follows.
    /// </summary>
    public IReadOnlyList<SqlStatement> OnFailure { get; init; } = [];

    /// <summary>
    /// How many steps of the same recipe, just before this one, <see cref="OnFailure"/> undoes: their record is
    /// removed with it, so the next run starts the recipe again from its first step.
    /// </summary>
    public int Undoes { get; init; }

    /// <summary>True for the step after which the tracked schema of an offline script holds <see cref="Source"/>'s change.</summary>
    public bool AppliesSource { get; init; }

    /// <inheritdoc />
    public override string Describe() => $"{Source.Describe()}: {What}";
}

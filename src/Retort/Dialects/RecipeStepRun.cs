namespace Retort.Dialects;

/// <summary>Where a <see cref="RecipeStep"/> runs among the revision's transactions.</summary>
public enum RecipeStepRun
{
    /// <summary>In the transaction of the operations around it.</summary>
    InTransaction,

    /// <summary>In a transaction of its own, which also records it as done (a long scan that lets writes run).</summary>
    OwnTransaction,

    /// <summary>Outside any transaction, recorded once it ran; written so a repeat completes it (<c>CONCURRENTLY</c>).</summary>
    OutsideTransaction,
}

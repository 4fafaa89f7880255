using Retort.Operations;

namespace Retort.Dialects;

public abstract partial class DdlGenerator
{
    /// <summary>
    /// A revision's plan as it runs: where the dialect has a safe recipe for an operation on a table that exists before
    /// the revision (an index built without blocking writes, a constraint validated without blocking them), the
    /// operation is replaced by the recipe's <see cref="RecipeStep"/>s. The default keeps the plan as it is. Not used
    /// by a run that asks for one single transaction, which cannot hold the steps.
    /// </summary>
    public virtual IReadOnlyList<MigrationOperation> SafeRecipes(IReadOnlyList<MigrationOperation> plan) => plan;
}

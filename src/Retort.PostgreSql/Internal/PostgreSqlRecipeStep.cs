using Retort.Dialects;
using Retort.Operations;

namespace Retort.PostgreSql.Internal;

/// <summary>A step of one of PostgreSQL's safe recipes (see <see cref="PostgreSqlDdlGenerator.SafeRecipes"/>).</summary>
internal sealed record PostgreSqlRecipeStep(MigrationOperation Source, string What, IReadOnlyList<SqlStatement> Statements)
    : RecipeStep(Source, What, Statements);

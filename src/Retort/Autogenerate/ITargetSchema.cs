using Retort.Schema;

namespace Retort.Autogenerate;

/// <summary>
/// Declares a migrations environment's target schema, as SQLAlchemy users set <c>target_metadata</c> in
/// <c>env.py</c>. Implement it once in the environment; <c>revision --autogenerate</c> and <c>check</c> compare
/// the database with the metadata it returns.
/// </summary>
public interface ITargetSchema
{
    /// <summary>The tables the database should have.</summary>
    MetaData Build();

    /// <summary>What to compare; the default compares everything.</summary>
    DiffOptions Options => new();
}

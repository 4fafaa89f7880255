using Retort.Operations;

namespace Retort.Dialects;

/// <summary>What a dialect compiles an operation into: SQL statements, or a C# code step to run as is.</summary>
public abstract record MigrationStep
{
    /// <summary>A SQL statement.</summary>
    public sealed record Sql(SqlStatement Statement) : MigrationStep;

    /// <summary>A C# step; cannot be rendered offline.</summary>
    public sealed record Code(CodeStepOperation Operation) : MigrationStep;

    /// <summary>A batched data step; the runner runs it in batches online, a script renders it or refuses it.</summary>
    public sealed record Data(DataOperation Operation) : MigrationStep;

    /// <summary>Wraps a statement.</summary>
    public static implicit operator MigrationStep(SqlStatement statement) => new Sql(statement);
}

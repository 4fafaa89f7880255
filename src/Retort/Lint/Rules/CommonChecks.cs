namespace Retort.Lint.Rules;

/// <summary>The checks of <see cref="CommonRules"/>, in id order: what every dialect's <see cref="LintSupport"/> starts with.</summary>
public static class CommonChecks
{
    /// <summary>One check per rule of <see cref="CommonRules.All"/>.</summary>
    public static IReadOnlyList<LintCheck> All { get; } =
    [
        new DropColumnCheck(), new RenameColumnCheck(), new RenameTableCheck(), new DropTableCheck(), new NotNullWithoutDefaultCheck(),
        new NarrowingTypeCheck(), new WholeTableDataChangeCheck(), new DropNotNullCheck(), new DropCascadeCheck(), new TransactionControlCheck(),
    ];
}

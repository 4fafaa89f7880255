namespace Retort.Migrations;

/// <summary>Where a revision's operations come from: a C# class, a .sql file, or anything else that builds a plan.</summary>
public interface IMigrationScript
{
    /// <summary>Adds the upgrade operations.</summary>
    void BuildUpgrade(Op op);

    /// <summary>Adds the downgrade operations.</summary>
    void BuildDowngrade(Op op);

    /// <summary>Why the revision cannot be downgraded, or null when it can.</summary>
    string? IrreversibleReason { get; }

    /// <summary>Where the revision is defined (class name or file path), for messages.</summary>
    string Source { get; }
}

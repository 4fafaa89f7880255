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

    /// <summary>
    /// How to mark a statement of this script so it runs outside the revision's transaction, in the script's own terms,
    /// for the error that refuses such a statement inside it. The default speaks of C#.
    /// </summary>
    string OutsideTransactionAdvice(bool up) =>
        "Run it in a block outside the transaction: op.OutsideTransaction(o => o.Execute(\"...\")), or op.Execute(\"...\", outsideTransaction: true)";
}

using Retort.Internal;
using Retort.Schema;

namespace Retort.Operations;

/// <summary>
/// One step of a migration plan (Alembic's <c>op</c> calls). Operations are immutable data: the same plan can
/// be executed, rendered as an offline script, fingerprinted, linted and reversed. Only dialects turn them into
/// SQL.
/// </summary>
// Its public properties are read by reflection for a revision's checksum (Runner/PlanFingerprint.cs): kept when trimmed.
[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
public abstract record MigrationOperation
{
    /// <summary>True when <see cref="Reverse"/> can produce the undoing operation.</summary>
    public virtual bool IsReversible => false;

    /// <summary>The operation that undoes this one.</summary>
    /// <exception cref="IrreversibleOperationException">When the operation lacks what is needed to reverse it.</exception>
    public virtual MigrationOperation Reverse() => throw new IrreversibleOperationException(this, "this kind of operation has no reverse");

    /// <summary>
    /// Lint findings allowed on this operation, each with its reason (<c>op.Allow</c>). They change nothing the
    /// operation does, so they are not part of the plan's checksum.
    /// </summary>
    [FingerprintIgnore]
    public ValueList<LintAllowance>? Allowances { get; init; }

    /// <summary>A one-line human description, used in logs, progress and errors.</summary>
    public abstract string Describe();
}

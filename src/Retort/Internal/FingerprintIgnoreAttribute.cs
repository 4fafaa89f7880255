namespace Retort.Internal;

/// <summary>
/// Marks an operation property that never changes what the operation does (lint allowances): it is left out of
/// <see cref="Runner.PlanFingerprint"/>, so adding it to an applied revision does not report the revision as edited.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
internal sealed class FingerprintIgnoreAttribute : Attribute;

namespace Retort.Internal;

/// <summary>
/// Marks an operation property added after plans were first fingerprinted: while it holds its default value it is
/// left out of <see cref="Runner.PlanFingerprint"/>, so the checksums of revisions applied before it existed still
/// match and they are not reported as edited.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
internal sealed class FingerprintOmitsDefaultAttribute : Attribute;

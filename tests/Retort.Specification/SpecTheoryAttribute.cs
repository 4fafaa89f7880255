using Xunit.Sdk;

namespace Retort.Specification;

/// <summary>A data-driven test of a specification suite, skipped as <see cref="SpecFactAttribute"/> says.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Retort.Specification.Internal.SpecTheoryDiscoverer", "Retort.Specification")]
public sealed class SpecTheoryAttribute : TheoryAttribute;

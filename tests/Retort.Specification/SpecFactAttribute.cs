using Xunit.Sdk;

namespace Retort.Specification;

/// <summary>
/// A test of a specification suite. It is discovered once per subclass, and skipped exactly when that subclass's
/// <see cref="TestDatabaseFactory.SkipReason"/> says so (see <see cref="SkipRule"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Retort.Specification.Internal.SpecFactDiscoverer", "Retort.Specification")]
public sealed class SpecFactAttribute : FactAttribute;

using Xunit.Abstractions;
using Xunit.Sdk;

namespace Retort.Specification.Internal;

/// <summary>Discovers a <see cref="SpecFactAttribute"/> test: a plain fact, or one skipped test case when the dialect is skipped.</summary>
internal sealed class SpecFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        SpecSkip.Reason(testMethod) is { } reason
            ? [SpecSkip.Skipped(DiagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

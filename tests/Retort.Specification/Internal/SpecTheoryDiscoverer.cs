using Xunit.Abstractions;
using Xunit.Sdk;

namespace Retort.Specification.Internal;

/// <summary>Discovers a <see cref="SpecTheoryAttribute"/> test: a theory, or one skipped test case when the dialect is skipped.</summary>
internal sealed class SpecTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        SpecSkip.Reason(testMethod) is { } reason
            ? [SpecSkip.Skipped(DiagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

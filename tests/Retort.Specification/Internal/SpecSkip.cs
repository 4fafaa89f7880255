using Xunit.Abstractions;
using Xunit.Sdk;

namespace Retort.Specification.Internal;

/// <summary>The skip decision of a specification test, made for the concrete test class it was discovered in.</summary>
internal static class SpecSkip
{
    /// <summary>The skip reason of the factory the test class runs with, or null.</summary>
    public static string? Reason(ITestMethod testMethod) =>
        TestDatabaseFactory.ForTestClass(testMethod.TestClass.Class.ToRuntimeType())?.SkipReason;

    /// <summary>One skipped test case carrying <paramref name="reason"/>.</summary>
    public static IXunitTestCase Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason);
}

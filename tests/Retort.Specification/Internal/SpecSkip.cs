using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Retort.Specification.Internal;

/// <summary>The skip decision of a specification test, made for the concrete test class it was discovered in.</summary>
internal static class SpecSkip
{
    /// <summary>
    /// The skip reason of the factory the test class runs with (<see cref="SkipRule"/>), else of a
    /// <see cref="KnownDefectAttribute"/> the class carries for this test, else null.
    /// </summary>
    public static string? Reason(ITestMethod testMethod)
    {
        var testClass = testMethod.TestClass.Class.ToRuntimeType();
        if (TestDatabaseFactory.ForTestClass(testClass)?.SkipReason is { } reason) return reason;
        return testClass.GetCustomAttributes<KnownDefectAttribute>().FirstOrDefault(d => d.Test == testMethod.Method.Name) is { } defect
            ? "KNOWN DEFECT: " + defect.Reason
            : null;
    }

    /// <summary>One skipped test case carrying <paramref name="reason"/>.</summary>
    public static IXunitTestCase Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason);
}

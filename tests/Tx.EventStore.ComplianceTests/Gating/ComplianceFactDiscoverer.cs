using Xunit.Abstractions;
using Xunit.Sdk;

namespace Tx.EventStore.ComplianceTests.Gating;

public sealed class ComplianceFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    private readonly IMessageSink _sink = diagnosticMessageSink;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        SkipReason(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(_sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);

    internal static string? SkipReason(ITestMethod testMethod) =>
        testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute))
            .Select(a => new RequiresEnvironmentAttribute(a.GetConstructorArguments().ElementAt(0) as string ?? string.Empty, a.GetConstructorArguments().ElementAt(1) as string ?? string.Empty).SkipReason)
            .FirstOrDefault(r => r is not null);
}

using Xunit.Sdk;

namespace Tx.EventStore.ComplianceTests.Gating;

/// <summary>A fact of the compliance suite; skipped when the concrete class carries an unmet <see cref="RequiresEnvironmentAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Tx.EventStore.ComplianceTests.Gating.ComplianceFactDiscoverer", "Tx.EventStore.ComplianceTests")]
public sealed class ComplianceFactAttribute : FactAttribute;

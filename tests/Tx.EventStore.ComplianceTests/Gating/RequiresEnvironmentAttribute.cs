namespace Tx.EventStore.ComplianceTests.Gating;

/// <summary>
/// Put on a compliance subclass whose backend cannot run on every machine (MongoDB): its inherited
/// [ComplianceFact]/[ComplianceTheory] tests are reported skipped, with the reason, unless the variable is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresEnvironmentAttribute(string variable, string server) : Attribute
{
    public string Variable { get; } = variable;

    public string Server { get; } = server;

    public string? SkipReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable))
            ? $"{Server} cannot run on this machine; set {Variable} to run this test against one."
            : null;
}

using Xunit;

namespace Tx.TestUtilities;

/// <summary>
/// A fact that runs only when an environment variable names a server this machine cannot run
/// (MongoDB, Kafka, Cloud Spanner); otherwise it is reported as skipped, with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresEnvironmentFactAttribute : FactAttribute
{
    public RequiresEnvironmentFactAttribute(string variable, string server)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
        {
            Skip = $"{server} cannot run on this machine; set {variable} to run this test against one.";
        }
    }
}

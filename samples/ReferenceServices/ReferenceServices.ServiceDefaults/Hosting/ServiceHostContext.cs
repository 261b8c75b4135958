namespace ReferenceServices.ServiceDefaults.Hosting;

/// <summary>What a service needs to build its app: command-line args, configuration overrides, and the backends
/// shared with the other services when they all run in one process (null when the service runs alone).</summary>
public sealed record ServiceHostContext(string[] Args, IReadOnlyDictionary<string, string?> Settings, SharedBackends? Shared)
{
    public static ServiceHostContext Standalone(string[] args) => new(args, new Dictionary<string, string?>(), null);
}

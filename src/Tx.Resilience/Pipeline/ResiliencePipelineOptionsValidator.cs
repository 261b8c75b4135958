using Microsoft.Extensions.Options;

namespace Tx.Resilience.Pipeline;

/// <summary>Checks that every strategy a pipeline names is registered, at start-up.</summary>
internal sealed class ResiliencePipelineOptionsValidator(IOptions<ResilienceNames> names) : IValidateOptions<ResiliencePipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, ResiliencePipelineOptions options)
    {
        ResilienceNames registered = names.Value;
        var failures = new List<string>();
        Check(nameof(ResiliencePipelineOptions.Timeout), options.Timeout, registered.Timeouts);
        Check(nameof(ResiliencePipelineOptions.Retry), options.Retry, registered.Retries);
        Check(nameof(ResiliencePipelineOptions.CircuitBreaker), options.CircuitBreaker, registered.CircuitBreakers);
        Check(nameof(ResiliencePipelineOptions.Bulkhead), options.Bulkhead, registered.Bulkheads);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string option, string? value, HashSet<string> known)
        {
            if (value is not null && !known.Contains(value))
            {
                failures.Add($"Pipeline '{name}': {option} '{value}' is not registered.");
            }
        }
    }
}

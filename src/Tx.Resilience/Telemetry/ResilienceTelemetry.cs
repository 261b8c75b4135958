using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tx.Resilience.CircuitBreaking;

namespace Tx.Resilience.Telemetry;

/// <summary>What a strategy reports to: metrics (optional), a logger and the package's activity source.</summary>
internal sealed class ResilienceTelemetry
{
    public const string ActivitySourceName = "Tx.Resilience";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    public static readonly ResilienceTelemetry None = new(null, NullLogger.Instance);

    public ResilienceTelemetry(ResilienceMetrics? metrics, ILogger logger)
    {
        Metrics = metrics;
        Logger = logger;
    }

    public ResilienceMetrics? Metrics { get; }

    public ILogger Logger { get; }

    public void OnCircuitStateChanged(in OnCircuitStateChangedArguments arguments)
    {
        Metrics?.RecordTransition(arguments.BreakerName, arguments.PreviousState, arguments.NewState);
        if (arguments.NewState is CircuitState.Open or CircuitState.Isolated)
        {
            Log.CircuitOpened(Logger, arguments.BreakerName, arguments.PreviousState.ToWireName(), arguments.NewState.ToWireName(), arguments.BreakDuration);
        }
        else
        {
            Log.CircuitStateChanged(Logger, arguments.BreakerName, arguments.PreviousState.ToWireName(), arguments.NewState.ToWireName());
        }

        Activity.Current?.AddEvent(new ActivityEvent("tx.resilience.circuit_breaker.state_changed", tags: new ActivityTagsCollection
        {
            [ResilienceMetrics.NameTag] = arguments.BreakerName,
            ["tx.resilience.circuit_breaker.state"] = arguments.NewState.ToWireName(),
        }));
    }

    public void CallbackFailed(Exception exception) => Log.CallbackFailed(Logger, exception);
}

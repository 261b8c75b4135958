using Tx.Resilience.Telemetry;

namespace Tx.Resilience;

/// <summary>Invokes user hooks from synchronous code paths: a hook that completes later is observed, never awaited.</summary>
internal static class CallbackInvoker
{
    public static void InvokeAndObserve<TArgs>(Func<TArgs, ValueTask> callback, TArgs arguments, ResilienceTelemetry telemetry)
    {
        ValueTask pending;
        try
        {
            pending = callback(arguments);
        }
        catch (Exception ex)
        {
            telemetry.CallbackFailed(ex);
            return;
        }

        if (!pending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(pending, telemetry);
        }
    }

    private static async Task ObserveAsync(ValueTask pending, ResilienceTelemetry telemetry)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failing user hook must not break the breaker.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            telemetry.CallbackFailed(ex);
        }
    }
}

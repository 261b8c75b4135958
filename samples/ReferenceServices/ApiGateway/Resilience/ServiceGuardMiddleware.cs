using System.Globalization;
using Tx.Resilience.Bulkheads;
using Tx.Resilience.CircuitBreaking;
using Yarp.ReverseProxy.Forwarder;

namespace ApiGateway.Resilience;

/// <summary>Runs inside YARP's pipeline: an open circuit fails fast (503 + Retry-After), a full bulkhead queues up to
/// its timeout, and each proxied outcome (forwarder error or 5xx = failure) feeds the service's breaker.</summary>
public sealed class ServiceGuardMiddleware(RequestDelegate next, ServiceGuards guards, GatewayCounters counters)
{
    public async Task InvokeAsync(HttpContext context)
    {
        string service = context.GetReverseProxyFeature().Route.Config.RouteId;
        ServiceGuard guard = guards.All[service];
        context.Response.Headers["X-Service"] = service;
        counters.Proxied(service);
        if (!guard.Breaker.TryAcquire(out CircuitBreakerPermit permit))
        {
            counters.FastFailed(service);
            int seconds = Math.Max(1, (int)Math.Ceiling(permit.RetryAfter?.TotalSeconds ?? 1));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem($"The {service} service is unavailable (circuit {permit.State.ToWireName()}).",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable").ExecuteAsync(context);
            return;
        }

        BulkheadLease lease;
        try
        {
            lease = await guard.Bulkhead.AcquireAsync(context.RequestAborted);
        }
        catch (BulkheadRejectedException ex)
        {
            guard.Breaker.RecordIgnored(permit);
            await Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Bulkhead full").ExecuteAsync(context);
            return;
        }

        using (lease)
        {
            try
            {
                await next(context);
            }
            catch
            {
                guard.Breaker.RecordFailure(permit);
                throw;
            }

            if (context.Features.Get<IForwarderErrorFeature>() is not null || context.Response.StatusCode >= 500)
            {
                guard.Breaker.RecordFailure(permit);
            }
            else
            {
                guard.Breaker.RecordSuccess(permit);
            }
        }
    }
}

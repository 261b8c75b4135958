using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.Telemetry;

namespace Tx.MultiWrite.Retrying;

/// <summary>The hosted retry worker: passes back to back while legs are due, otherwise every poll interval.</summary>
internal sealed class RetryWorkerService(
    LegRetryProcessor processor,
    IOptions<RetryWorkerOptions> options,
    TimeProvider timeProvider,
    ILogger<RetryWorkerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed = 0;
            try
            {
                claimed = await processor.ProcessDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.RetryPassFailed(logger, ex);
            }

            if (claimed == 0)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

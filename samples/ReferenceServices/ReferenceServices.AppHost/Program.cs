using System.Runtime.InteropServices;
using ReferenceServices.AppHost;

await using ReferenceSystem system = await ReferenceSystem.StartAsync(args, new Dictionary<string, string?>());
system.PrintWelcome(Console.Out);
using CancellationTokenSource stop = new();

// Ctrl+C (SIGINT) and SIGTERM (systemd, docker stop, kill) both stop every service gracefully.
using PosixSignalRegistration onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await system.WaitForShutdownAsync(stop.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

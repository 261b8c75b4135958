using ReferenceServices.AppHost;

await using ReferenceSystem system = await ReferenceSystem.StartAsync(args, new Dictionary<string, string?>());
system.PrintWelcome(Console.Out);
using CancellationTokenSource stop = new();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
await system.WaitForShutdownAsync(stop.Token);

using Microsoft.Extensions.DependencyInjection;

namespace Tx.EventStore;

/// <summary>
/// Returned by <c>services.AddTxEventStore()</c>. Provider packages extend it (<c>.UseSqlite(cs)</c>,
/// <c>.UseMySql(cs)</c>, <c>.UsePostgreSql(cs)</c>, <c>.UseMongoDB(...)</c>), as do event types,
/// subscriptions, outbox publishers and mirrors.
/// </summary>
public interface ITxEventStoreBuilder
{
    /// <summary>Gets the service collection the event store is registered in.</summary>
    IServiceCollection Services { get; }
}

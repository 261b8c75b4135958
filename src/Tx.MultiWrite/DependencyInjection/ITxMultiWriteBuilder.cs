using Microsoft.Extensions.DependencyInjection;

namespace Tx.MultiWrite;

/// <summary>
/// Returned by <c>AddTxMultiWrite</c>; target packages (<c>AddMySqlTarget</c>, <c>AddMongoTarget</c>,
/// <c>AddSpannerTarget</c>, <c>AddSqliteTarget</c>) and ledger choices (<c>UseMySqlLedger</c>, <c>UseSqliteLedger</c>) extend it.
/// </summary>
public interface ITxMultiWriteBuilder
{
    /// <summary>Gets the service collection the multi-write services are registered in.</summary>
    IServiceCollection Services { get; }
}

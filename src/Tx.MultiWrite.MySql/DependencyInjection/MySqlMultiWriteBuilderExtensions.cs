using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.MySql.Ledger;
using Tx.MultiWrite.MySql.Targets;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite;

/// <summary>Adds MySQL (MySqlConnector) to the multi-writer: as a target and as the ledger.</summary>
public static class MySqlMultiWriteBuilderExtensions
{
    /// <summary>Adds a MySQL target (one leg of every write).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="configure">Configures the target's tables, or <see langword="null"/>.</param>
    /// <param name="name">The target's name.</param>
    /// <param name="configureLeg">Configures the leg's breaker and timeout, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder AddMySqlTarget(this ITxMultiWriteBuilder builder, string connectionString, Action<MySqlTargetOptions>? configure = null, string name = "mysql", Action<TargetLegOptions>? configureLeg = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connectionString);
        builder.Services.AddOptions<MySqlTargetOptions>(name)
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MySqlTargetOptions>, MySqlTargetOptionsValidator>());
        return builder.AddTarget(name, sp => new MySqlWriteTarget(name, sp.GetRequiredService<IOptionsMonitor<MySqlTargetOptions>>().Get(name)), configureLeg);
    }

    /// <summary>Keeps the intent log (ledger) in MySQL: the default for production.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="configure">Configures the ledger's tables, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder UseMySqlLedger(this ITxMultiWriteBuilder builder, string connectionString, Action<MySqlLedgerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connectionString);
        builder.Services.AddOptions<MySqlLedgerOptions>()
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MySqlLedgerOptions>, MySqlLedgerOptionsValidator>());
        return builder.UseLedger(sp => new MySqlWriteLedger(sp.GetRequiredService<IOptions<MySqlLedgerOptions>>().Value));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.Sqlite.Ledger;
using Tx.MultiWrite.Sqlite.Targets;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite;

/// <summary>Adds SQLite (the embedded mode) to the multi-writer: as a target and as the ledger.</summary>
public static class SqliteMultiWriteBuilderExtensions
{
    /// <summary>Adds a SQLite target (one leg of every write).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The database file.</param>
    /// <param name="configure">Configures the target's tables, or <see langword="null"/>.</param>
    /// <param name="name">The target's name.</param>
    /// <param name="configureLeg">Configures the leg's breaker and timeout, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder AddSqliteTarget(this ITxMultiWriteBuilder builder, string path, Action<SqliteTargetOptions>? configure = null, string name = "sqlite", Action<TargetLegOptions>? configureLeg = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(path);
        builder.Services.AddOptions<SqliteTargetOptions>(name)
            .Configure(o =>
            {
                o.Path = path;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteTargetOptions>, SqliteTargetOptionsValidator>());
        return builder.AddTarget(name, sp => new SqliteWriteTarget(name, sp.GetRequiredService<IOptionsMonitor<SqliteTargetOptions>>().Get(name)), configureLeg);
    }

    /// <summary>Keeps the intent log (ledger) in a SQLite file: the embedded mode's default.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The database file.</param>
    /// <param name="configure">Configures the ledger's tables, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ITxMultiWriteBuilder UseSqliteLedger(this ITxMultiWriteBuilder builder, string path, Action<SqliteLedgerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(path);
        builder.Services.AddOptions<SqliteLedgerOptions>()
            .Configure(o =>
            {
                o.Path = path;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteLedgerOptions>, SqliteLedgerOptionsValidator>());
        return builder.UseLedger(sp => new SqliteWriteLedger(sp.GetRequiredService<IOptions<SqliteLedgerOptions>>().Value));
    }
}

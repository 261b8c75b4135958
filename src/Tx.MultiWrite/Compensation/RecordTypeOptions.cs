namespace Tx.MultiWrite.Compensation;

/// <summary>Settings for one record type.</summary>
public sealed class RecordTypeOptions
{
    /// <summary>Gets or sets the consistency policy.</summary>
    /// <value>The default value is <see cref="ConsistencyPolicy.ForwardRecovery"/>.</value>
    public ConsistencyPolicy Policy { get; set; } = ConsistencyPolicy.ForwardRecovery;

    /// <summary>Gets the top-level payload properties that must be present and not null.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> RequiredFields { get; } = [];
}

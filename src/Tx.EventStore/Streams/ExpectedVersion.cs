using System.Globalization;

namespace Tx.EventStore.Streams;

/// <summary>
/// The stream version an append expects to find: <see cref="Any"/>, <see cref="NoStream"/> or an exact
/// version. Stream versions start at 1 (the first event); a stream without events has version 0.
/// </summary>
public readonly struct ExpectedVersion : IEquatable<ExpectedVersion>
{
    private const long AnyValue = -1;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>Gets an expectation that accepts any current version (no concurrency check).</summary>
    public static ExpectedVersion Any => new(AnyValue);

    /// <summary>Gets an expectation that the stream does not exist yet (version 0).</summary>
    public static ExpectedVersion NoStream => new(0);

    /// <summary>Gets the raw value: -1 for <see cref="Any"/>, otherwise the exact version expected (0 = no stream).</summary>
    public long Value { get; }

    /// <summary>Gets a value indicating whether this expectation accepts any version.</summary>
    public bool IsAny => Value == AnyValue;

    /// <summary>Creates an expectation of an exact stream version.</summary>
    /// <param name="version">The version the stream must be at; 0 means the stream must not exist.</param>
    /// <returns>The expectation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is negative.</exception>
    public static ExpectedVersion Exact(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new ExpectedVersion(version);
    }

    /// <summary>Returns whether a stream at <paramref name="currentVersion"/> satisfies this expectation.</summary>
    /// <param name="currentVersion">The stream's current version (0 when it does not exist).</param>
    /// <returns><see langword="true"/> when the append may proceed.</returns>
    public bool IsSatisfiedBy(long currentVersion) => IsAny || Value == currentVersion;

    /// <inheritdoc />
    public bool Equals(ExpectedVersion other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExpectedVersion other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        AnyValue => "any",
        0 => "no stream",
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Compares two expectations for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(ExpectedVersion left, ExpectedVersion right) => left.Equals(right);

    /// <summary>Compares two expectations for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(ExpectedVersion left, ExpectedVersion right) => !left.Equals(right);
}

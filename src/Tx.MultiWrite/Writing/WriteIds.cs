using System.Globalization;

namespace Tx.MultiWrite.Writing;

/// <summary>
/// Time-ordered write ids (UUIDv7). Their text form ("D", lower case) sorts in creation order, which every
/// store and the ledger use for range scans.
/// </summary>
public static class WriteIds
{
    /// <summary>Creates a new UUIDv7 write id for the current time of <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The time provider.</param>
    /// <returns>The write id.</returns>
    public static Guid New(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Guid.CreateVersion7(timeProvider.GetUtcNow());
    }

    /// <summary>Gets the smallest UUIDv7 write id that can be created at <paramref name="time"/>.</summary>
    /// <param name="time">The time (millisecond precision).</param>
    /// <returns>The lower bound of a scan range.</returns>
    public static Guid MinAt(DateTimeOffset time) => Bound(time, "7000-8000-000000000000");

    /// <summary>Gets the largest UUIDv7 write id that can be created at <paramref name="time"/>.</summary>
    /// <param name="time">The time (millisecond precision).</param>
    /// <returns>The upper bound of a scan range.</returns>
    public static Guid MaxAt(DateTimeOffset time) => Bound(time, "7fff-bfff-ffffffffffff");

    /// <summary>Gets the time encoded in a UUIDv7 write id.</summary>
    /// <param name="writeId">The write id.</param>
    /// <returns>The time, with millisecond precision.</returns>
    public static DateTimeOffset GetTimestamp(Guid writeId)
    {
        string text = writeId.ToString("N");
        long ms = long.Parse(text.AsSpan(0, 12), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    /// <summary>Formats a write id the way every store keys it (lower-case "D" form, 36 characters).</summary>
    /// <param name="writeId">The write id.</param>
    /// <returns>The key text.</returns>
    public static string ToKey(Guid writeId) => writeId.ToString("D");

    private static Guid Bound(DateTimeOffset time, string tail)
    {
        long ms = Math.Clamp(time.ToUnixTimeMilliseconds(), 0, 0xFFFF_FFFF_FFFFL);
        string hex = ms.ToString("x12", CultureInfo.InvariantCulture);
        return Guid.Parse($"{hex[..8]}-{hex[8..]}-{tail}", CultureInfo.InvariantCulture);
    }
}

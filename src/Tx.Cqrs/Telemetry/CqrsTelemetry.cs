using System.Diagnostics;

namespace Tx.Cqrs.Telemetry;

/// <summary>Names of the package's telemetry and its <see cref="System.Diagnostics.ActivitySource"/>.</summary>
internal static class CqrsTelemetry
{
    public const string Name = "Tx.Cqrs";
    public const string DispatchesInstrument = "tx.cqrs.dispatches";
    public const string DurationInstrument = "tx.cqrs.dispatch.duration";
    public const string MessageTypeTag = "tx.cqrs.message.type";
    public const string MessageKindTag = "tx.cqrs.message.kind";
    public const string OutcomeTag = "tx.cqrs.outcome";
    public const string ErrorTypeTag = "error.type";
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Cancelled = "cancelled";
    public const string Command = "command";
    public const string Query = "query";

    public static readonly ActivitySource ActivitySource = new(Name, typeof(CqrsTelemetry).Assembly.GetName().Version?.ToString());
}

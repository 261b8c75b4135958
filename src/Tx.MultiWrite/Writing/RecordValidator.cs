using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tx.MultiWrite.Compensation;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Writing;

/// <summary>Rejects bad records before anything is written: missing keys, unserializable or oversized payloads, missing required fields.</summary>
internal sealed class RecordValidator(IOptions<MultiWriteOptions> options)
{
    private const int MaxRecordTypeLength = 100;
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public ValidatedRecord Validate(MultiWriteRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        MultiWriteOptions settings = options.Value;
        if (string.IsNullOrWhiteSpace(record.RecordType) || record.RecordType.Length > MaxRecordTypeLength)
        {
            throw new RecordValidationException($"The record type is missing or longer than {MaxRecordTypeLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(record.Key) || record.Key.Length > settings.MaxKeyLength)
        {
            throw new RecordValidationException($"The record key is missing or longer than {settings.MaxKeyLength} characters.");
        }

        if (record.WriteId == Guid.Empty)
        {
            throw new RecordValidationException("The write id must not be the empty GUID.");
        }

        if (record.Payload is null)
        {
            throw new RecordValidationException("The payload is missing.");
        }

        byte[] utf8;
        try
        {
            utf8 = JsonSerializer.SerializeToUtf8Bytes(record.Payload, record.Payload.GetType(), s_json);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new RecordValidationException($"The payload of type {record.Payload.GetType().Name} cannot be serialized: {ex.Message}", ex);
        }

        if (utf8.Length > settings.MaxPayloadBytes)
        {
            throw new RecordValidationException($"The payload is {utf8.Length} bytes; the limit is {settings.MaxPayloadBytes}.");
        }

        RecordTypeOptions? typeOptions = settings.RecordTypes.TryGetValue(record.RecordType, out RecordTypeOptions? found) ? found : null;
        CheckShape(utf8, typeOptions);
        string json = Encoding.UTF8.GetString(utf8);
        return new ValidatedRecord(
            record.RecordType,
            record.Key,
            json,
            RecordHash.Compute(record.RecordType, record.Key, json),
            typeOptions?.Policy ?? settings.DefaultPolicy);
    }

    private static void CheckShape(byte[] utf8, RecordTypeOptions? typeOptions)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new RecordValidationException("The payload must serialize to a JSON object.");
        }

        if (typeOptions is null || typeOptions.RequiredFields.Count == 0)
        {
            return;
        }

        using var document = JsonDocument.Parse(utf8);
        List<string> missing = [];
        foreach (string field in typeOptions.RequiredFields)
        {
            if (!TryGetProperty(document.RootElement, field, out JsonElement value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
                || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())))
            {
                missing.Add(field);
            }
        }

        if (missing.Count > 0)
        {
            throw new RecordValidationException($"The payload misses required fields: {string.Join(", ", missing)}.");
        }
    }

    private static bool TryGetProperty(JsonElement root, string name, out JsonElement value)
    {
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}

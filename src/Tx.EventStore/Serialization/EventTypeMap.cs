using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Tx.EventStore.Streams;

namespace Tx.EventStore.Serialization;

/// <summary>
/// Maps stable event type names (what is stored) to CLR types (what the code uses), with the current
/// schema version of each type and the upcasters that bring older payloads up to it.
/// </summary>
/// <remarks>
/// A stored name never changes: rename the CLR type freely, keep the name. When a type's JSON shape
/// changes, raise its schema version and add an upcaster from the previous version.
/// </remarks>
public sealed class EventTypeMap
{
    private readonly Dictionary<Type, EventTypeRegistration> _byType = [];
    private readonly Dictionary<string, EventTypeRegistration> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, int FromVersion), Func<JsonObject, JsonObject>> _upcasters = [];

    /// <summary>Initializes a new instance of the <see cref="EventTypeMap"/> class.</summary>
    public EventTypeMap()
    {
        Add<StreamDeleted>(StreamDeleted.TypeName);
    }

    /// <summary>Gets the registered types.</summary>
    public IReadOnlyCollection<EventTypeRegistration> Registrations => _byName.Values;

    /// <summary>Registers <typeparamref name="T"/> under a stable name.</summary>
    /// <typeparam name="T">The CLR type of the event.</typeparam>
    /// <param name="name">The stable type name stored with every event of this type.</param>
    /// <param name="schemaVersion">The current schema version of the type's JSON shape.</param>
    /// <returns>This map, for chaining.</returns>
    public EventTypeMap Add<T>(string name, int schemaVersion = 1) => Add(typeof(T), name, schemaVersion);

    /// <summary>Registers a CLR type under a stable name.</summary>
    /// <param name="clrType">The CLR type of the event.</param>
    /// <param name="name">The stable type name stored with every event of this type.</param>
    /// <param name="schemaVersion">The current schema version of the type's JSON shape.</param>
    /// <returns>This map, for chaining.</returns>
    /// <exception cref="ArgumentException">The name is empty or already mapped to another type, or the type already has another name.</exception>
    public EventTypeMap Add(Type clrType, string name, int schemaVersion = 1)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(schemaVersion, 1);
        if (name.Length > EventStoreLimits.MaxTypeNameLength)
        {
            throw new ArgumentException($"Event type name '{name}' is longer than {EventStoreLimits.MaxTypeNameLength} characters.", nameof(name));
        }

        if (_byName.TryGetValue(name, out var existing) && existing.ClrType != clrType)
        {
            throw new ArgumentException($"Event type name '{name}' is already mapped to {existing.ClrType}.", nameof(name));
        }

        if (_byType.TryGetValue(clrType, out existing) && existing.Name != name)
        {
            throw new ArgumentException($"{clrType} is already mapped to event type name '{existing.Name}'.", nameof(clrType));
        }

        var registration = new EventTypeRegistration(name, clrType, schemaVersion);
        _byName[name] = registration;
        _byType[clrType] = registration;
        return this;
    }

    /// <summary>
    /// Adds an upcaster that turns the JSON of <paramref name="name"/> at <paramref name="fromSchemaVersion"/>
    /// into the JSON of the next schema version. Upcasters chain until the registered version is reached.
    /// </summary>
    /// <param name="name">The stable type name.</param>
    /// <param name="fromSchemaVersion">The schema version the upcaster reads.</param>
    /// <param name="upcast">The transformation; it may modify and return its argument.</param>
    /// <returns>This map, for chaining.</returns>
    public EventTypeMap AddUpcaster(string name, int fromSchemaVersion, Func<JsonObject, JsonObject> upcast)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSchemaVersion, 1);
        ArgumentNullException.ThrowIfNull(upcast);
        _upcasters[(name, fromSchemaVersion)] = upcast;
        return this;
    }

    /// <summary>Finds the registration of a CLR type.</summary>
    /// <param name="clrType">The CLR type.</param>
    /// <param name="registration">The registration, when found.</param>
    /// <returns><see langword="true"/> when the type is registered.</returns>
    public bool TryGetRegistration(Type clrType, [NotNullWhen(true)] out EventTypeRegistration? registration) =>
        _byType.TryGetValue(clrType, out registration);

    /// <summary>Finds the registration of a stable type name.</summary>
    /// <param name="name">The stable type name.</param>
    /// <param name="registration">The registration, when found.</param>
    /// <returns><see langword="true"/> when the name is registered.</returns>
    public bool TryGetRegistration(string name, [NotNullWhen(true)] out EventTypeRegistration? registration) =>
        _byName.TryGetValue(name, out registration);

    /// <summary>Finds the upcaster that reads <paramref name="name"/> at <paramref name="fromSchemaVersion"/>.</summary>
    /// <param name="name">The stable type name.</param>
    /// <param name="fromSchemaVersion">The schema version to upcast from.</param>
    /// <param name="upcast">The upcaster, when found.</param>
    /// <returns><see langword="true"/> when one is registered.</returns>
    public bool TryGetUpcaster(string name, int fromSchemaVersion, [NotNullWhen(true)] out Func<JsonObject, JsonObject>? upcast) =>
        _upcasters.TryGetValue((name, fromSchemaVersion), out upcast);
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tx.Messaging.InProcess;

/// <summary>The in-process "cluster": topics and consumer groups, shared by the producer, consumers and administrator.</summary>
internal sealed class InProcessBroker
{
    private readonly ConcurrentDictionary<string, InProcessTopic> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InProcessGroup> _groups = new(StringComparer.Ordinal);
    private readonly InProcessOptions _options;

    public InProcessBroker(IOptions<InProcessOptions> options)
    {
        _options = options.Value;
    }

    public InProcessTopic GetOrCreateTopic(string name) => GetOrCreateTopic(name, _options.DefaultPartitions);

    public InProcessTopic GetOrCreateTopic(string name, int partitions)
    {
        if (_topics.TryGetValue(name, out InProcessTopic? topic))
        {
            return topic;
        }

        return _topics.GetOrAdd(name, static (n, state) => new InProcessTopic(n, state.partitions, state.capacity), (partitions, capacity: _options.PartitionCapacity));
    }

    public InProcessTopic? FindTopic(string name) => _topics.GetValueOrDefault(name);

    public InProcessGroup GetOrCreateGroup(string groupId) => _groups.GetOrAdd(groupId, static (id, broker) => new InProcessGroup(id, broker), this);
}

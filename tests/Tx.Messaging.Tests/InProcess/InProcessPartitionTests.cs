using System.Buffers.Binary;
using Microsoft.Extensions.Options;
using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessPartitionTests
{
    [Fact]
    public void TryAppend_ManyTimesTheCapacity_KeepsTheLastCapacityRecordsIntact()
    {
        // Arrange: no running group, so the oldest records are dropped (retention), over many wraps.
        InProcessPartition partition = CreatePartition(capacity: 5);

        // Act
        for (int i = 0; i < 1_000; i++)
        {
            Append(partition, i, size: 1 + (i * 37 % 300));
        }

        // Assert
        Assert.Equal(995, partition.Start);
        Assert.Equal(1_000, partition.End);
        Assert.Equal([995, 996, 997, 998, 999], ReadAll(partition, from: 995));
    }

    [Fact]
    public void Read_PositionAlreadyTrimmed_MovesToStart()
    {
        InProcessPartition partition = CreatePartition(capacity: 4);
        for (int i = 0; i < 10; i++)
        {
            Append(partition, i, size: 16);
        }

        long position = 2;
        var entries = new InProcessEntry[8];
        byte[] data = new byte[8];
        int read = partition.Read(ref position, entries, ref data);

        Assert.Equal(6, position);
        Assert.Equal(4, read);
        Assert.Equal(6, ValueOf(entries[0], data));
    }

    [Fact]
    public void TryAppend_RecordsLargerThanTheRing_GrowsItAndKeepsRetainedRecords()
    {
        InProcessPartition partition = CreatePartition(capacity: 3);
        int initial = partition.DataCapacity;

        for (int i = 0; i < 12; i++)
        {
            Append(partition, i, size: i % 2 == 0 ? 10 : initial);
        }

        Assert.True(partition.DataCapacity > initial);
        Assert.Equal([9, 10, 11], ReadAll(partition, from: 9));
    }

    [Fact]
    public void TryAppend_RecordsGrowAfterManyWrapsOfSmallOnes_RetainedRecordsStayIntact()
    {
        // Arrange: the producer checks space against a remembered lower bound of the oldest retained byte;
        // after many wraps of small records that bound is far behind, then records get much larger.
        InProcessPartition partition = CreatePartition(capacity: 8);
        for (int i = 0; i < 5_000; i++)
        {
            Append(partition, i, size: 16);
        }

        // Act: each record larger than the last, so the ring has to be checked exactly and grown.
        for (int i = 5_000; i < 5_040; i++)
        {
            Append(partition, i, size: 64 * (i - 4_999));
            Assert.Equal(Enumerable.Range(Math.Max(0, i - 7), Math.Min(8, i + 1)).Select(v => (long)v), ReadAll(partition, from: i - 7));
        }

        // Assert
        Assert.Equal(5_032, partition.Start);
    }

    [Fact]
    public void TryAppend_SteadySizedRecords_RingStopsGrowing()
    {
        // Arrange: 16 retained records of 1 KiB need at most 16 KiB plus one skipped tail.
        InProcessPartition partition = CreatePartition(capacity: 16);
        for (int i = 0; i < 100; i++)
        {
            Append(partition, i, size: 1024);
        }

        int settled = partition.DataCapacity;

        // Act
        for (int i = 100; i < 10_000; i++)
        {
            Append(partition, i, size: 1024);
        }

        // Assert
        Assert.Equal(settled, partition.DataCapacity);
        Assert.True(settled <= 64 * 1024);
    }

    [Fact]
    public async Task Read_ConcurrentAppendsTrimmingUnderTheReader_NeverReturnsATornRecord()
    {
        // Arrange: a tiny ring the producer overwrites constantly while a reader copies from it.
        InProcessPartition partition = CreatePartition(capacity: 4);
        Append(partition, 0, size: 64);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int produced = 1;
        Task producer = Task.Run(() =>
        {
            for (; produced < 200_000 && !cts.IsCancellationRequested; produced++)
            {
                Append(partition, produced, size: 8 + (produced % 5 * 40));
            }
        });

        // Act: every record read must carry its own offset in every one of its bytes' words.
        var entries = new InProcessEntry[3];
        byte[] data = new byte[16];
        long position = 0;
        long checkedRecords = 0;
        while (!producer.IsCompleted || position < partition.End)
        {
            long before = position;
            int read = partition.Read(ref position, entries, ref data);
            for (int i = 0; i < read; i++)
            {
                Assert.Equal(position + i, ValueOf(entries[i], data));
                Assert.True(AllWordsEqual(entries[i], data), $"record {position + i} was torn");
                checkedRecords++;
            }

            Assert.True(position >= before);
            position += read;
        }

        await producer;

        // Assert
        Assert.True(checkedRecords > 0);
        Assert.Equal(200_000, partition.End);
    }

    private static InProcessPartition CreatePartition(int capacity)
    {
        var broker = new InProcessBroker(Options.Create(new InProcessOptions { DefaultPartitions = 1, PartitionCapacity = capacity }));
        return broker.GetOrCreateTopic("t").Partitions[0];
    }

    // A record whose value is its offset repeated (as little-endian longs) over size bytes (at least 8).
    private static void Append(InProcessPartition partition, long offset, int size)
    {
        byte[] value = new byte[Math.Max(8, size / 8 * 8)];
        for (int i = 0; i + 8 <= value.Length; i += 8)
        {
            BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(i), offset);
        }

        byte[] record = new byte[value.Length];
        InProcessEntry entry = InProcessRecordCodec.Encode(key: null, value, [], null, 0, record);
        Assert.True(partition.TryAppend(entry, record, out long stored, out _));
        Assert.Equal(offset, stored);
    }

    private static long ValueOf(InProcessEntry entry, byte[] data) => BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan((int)entry.DataStart));

    private static bool AllWordsEqual(InProcessEntry entry, byte[] data)
    {
        long first = ValueOf(entry, data);
        for (int i = 8; i + 8 <= entry.ValueLength; i += 8)
        {
            if (BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan((int)entry.DataStart + i)) != first)
            {
                return false;
            }
        }

        return true;
    }

    private static List<long> ReadAll(InProcessPartition partition, long from)
    {
        var values = new List<long>();
        var entries = new InProcessEntry[2];
        byte[] data = new byte[8];
        long position = from;
        int read;
        while ((read = partition.Read(ref position, entries, ref data)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                Assert.True(AllWordsEqual(entries[i], data));
                values.Add(ValueOf(entries[i], data));
            }

            position += read;
        }

        return values;
    }
}

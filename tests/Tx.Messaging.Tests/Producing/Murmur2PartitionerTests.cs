using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Tx.Messaging.Producing;

namespace Tx.Messaging.Tests.Producing;

public class Murmur2PartitionerTests
{
    // Kafka's own clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java (testMurmur2),
    // and the values Akka's Murmur2Spec took from the Java client's Utils.murmur2.
    public static TheoryData<string, int> JavaClientHashes => new()
    {
        { "21", -973932308 },
        { "foobar", -790332482 },
        { "a-little-bit-long-string", -985981536 },
        { "a-little-bit-longer-string", -1486304829 },
        { "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971 },
        { "abc", 479470107 },
        { "1", -1993445489 },
        { "12", 126087238 },
        { "123", -267702483 },
        { "1234", -1614185708 },
        { "12345", -1188365604 },
    };

    [Theory]
    [MemberData(nameof(JavaClientHashes))]
    public void Murmur2_KnownKeys_EqualsJavaClient(string key, int expected)
    {
        Assert.Equal(expected, Murmur2Partitioner.Murmur2(Encoding.UTF8.GetBytes(key)));
    }

    [Theory]
    [MemberData(nameof(JavaClientHashes))]
    public void GetPartition_KnownKeys_EqualsJavaDefaultPartitioner(string key, int javaHash)
    {
        // Java: Utils.toPositive(Utils.murmur2(keyBytes)) % numPartitions, toPositive = h & 0x7fffffff.
        foreach (int partitions in new[] { 1, 3, 6, 12, 100 })
        {
            Assert.Equal((javaHash & 0x7fffffff) % partitions, Murmur2Partitioner.GetPartition(key, partitions));
        }
    }

    [Fact]
    public void GetPartition_KnownKeysOnThreeAndTwelvePartitions_MatchHandComputedValues()
    {
        // "21": -973932308 & 0x7fffffff = 1173551340; 1173551340 % 3 = 0, % 12 = 0.
        // "foobar": -790332482 & 0x7fffffff = 1357151166; % 3 = 0, % 12 = 6.
        // "abc": 479470107; % 3 = 0, % 12 = 3.
        Assert.Equal(0, Murmur2Partitioner.GetPartition("21", 3));
        Assert.Equal(0, Murmur2Partitioner.GetPartition("21", 12));
        Assert.Equal(0, Murmur2Partitioner.GetPartition("foobar", 3));
        Assert.Equal(6, Murmur2Partitioner.GetPartition("foobar", 12));
        Assert.Equal(0, Murmur2Partitioner.GetPartition("abc", 3));
        Assert.Equal(3, Murmur2Partitioner.GetPartition("abc", 12));
    }

    [Fact]
    public void GetPartition_LongNonAsciiKey_HashesItsUtf8Bytes()
    {
        string key = new('é', 500);

        Assert.Equal(Murmur2Partitioner.GetPartition(Encoding.UTF8.GetBytes(key), 7), Murmur2Partitioner.GetPartition(key, 7));
    }

    [Fact]
    public void GetPartition_ZeroPartitions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Murmur2Partitioner.GetPartition("k", 0));
    }

    [Property(MaxTest = 200)]
    public bool GetPartition_AnyKey_InRangeAndStable(NonNull<string> key, PositiveInt partitions)
    {
        int first = Murmur2Partitioner.GetPartition(key.Get, partitions.Get);
        return first >= 0 && first < partitions.Get && first == Murmur2Partitioner.GetPartition(key.Get, partitions.Get);
    }
}

using FsCheck.Xunit;
using Tx.MultiWrite.Targets;

namespace Tx.MultiWrite.Tests.Targets;

public sealed class RecordHashTests
{
    [Fact]
    public void Compute_KnownInput_IsSha256OfTypeKeyPayloadLines()
    {
        string hash = RecordHash.Compute("t", "k", "{}");

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("t\nk\n{}"u8)), hash);
    }

    [Property(MaxTest = 200)]
    public bool Compute_DifferentPayloads_DifferentHashes(string? a, string? b)
    {
        a ??= string.Empty;
        b ??= string.Empty;
        return a == b || RecordHash.Compute("t", "k", a) != RecordHash.Compute("t", "k", b);
    }
}

using System.Text;
using FsCheck.Xunit;
using Tx.Messaging.InProcess;

namespace Tx.Messaging.Tests.InProcess;

public sealed class InProcessStringCacheTests
{
    [Fact]
    public void Get_SameTextAgain_ReusesTheStringFromTheSecondSightingOn()
    {
        var cache = new InProcessStringCache();
        byte[] text = Encoding.UTF8.GetBytes("TransactionCompleted");

        string first = cache.Get(text);
        string second = cache.Get(text);
        string third = cache.Get(text);

        Assert.Equal("TransactionCompleted", first);
        Assert.NotSame(first, second);
        Assert.Same(second, third);
    }

    [Fact]
    public void Get_UniqueTexts_NeverReturnAnotherText()
    {
        var cache = new InProcessStringCache();

        for (int i = 0; i < 5_000; i++)
        {
            string expected = $"corr-{i}";
            Assert.Equal(expected, cache.Get(Encoding.UTF8.GetBytes(expected)));
            Assert.Equal("eventType", cache.Get("eventType"u8));
        }
    }

    [Fact]
    public void Get_LongOrNonAsciiText_DecodedCorrectly()
    {
        var cache = new InProcessStringCache();
        string longText = new('x', 200);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(longText, cache.Get(Encoding.UTF8.GetBytes(longText)));
            Assert.Equal("Überweisung", cache.Get(Encoding.UTF8.GetBytes("Überweisung")));
            Assert.Same(string.Empty, cache.Get([]));
        }
    }

    [Property(MaxTest = 300)]
    public bool Get_AnyTextsInAnyOrder_EqualTheirDecoding(string[] texts)
    {
        var cache = new InProcessStringCache();
        foreach (string? text in (texts ?? []).Concat(texts ?? []).Concat(texts ?? []))
        {
            string expected = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text ?? string.Empty));
            if (cache.Get(Encoding.UTF8.GetBytes(text ?? string.Empty)) != expected)
            {
                return false;
            }
        }

        return true;
    }
}

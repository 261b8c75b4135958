using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tx.Cqrs.Pipeline;

namespace Tx.Cqrs.Tests.Pipeline;

public sealed class DispatcherTableTests
{
    private static readonly Type[] s_types = [.. typeof(object).Assembly.GetTypes().Where(t => t.IsPublic).Take(600)];

    [Property(MaxTest = 200)]
    public Property Find_AnySetOfTypes_FindsEveryKeyAndNothingElse(PositiveInt count, int offset)
    {
        int n = Math.Min(count.Get, s_types.Length / 2);
        int start = Math.Abs(offset % (s_types.Length - n));
        Type[] keys = s_types[start..(start + n)];
        var table = new DispatcherTable(keys.Select(t => new KeyValuePair<Type, object>(t, t.FullName!)).ToList());

        bool allFound = keys.All(t => Equals(table.Find(t), t.FullName));
        bool othersMissing = s_types.Except(keys).All(t => table.Find(t) is null);
        return (allFound && othersMissing && table.Count == n).ToProperty();
    }

    [Fact]
    public void Find_EmptyTable_ReturnsNull()
    {
        var table = new DispatcherTable([]);

        Assert.Null(table.Find(typeof(string)));
    }
}

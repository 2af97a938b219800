using LiveCross.Server.Platform;

namespace LiveCross.Server.Tests.Platform;

public sealed class Version7IdsTests
{
    [Fact]
    public void Ids_are_distinct_version_7_uuids_that_carry_their_millisecond()
    {
        var at = new DateTimeOffset(2026, 12, 3, 18, 30, 15, 123, TimeSpan.Zero);
        var ids = new Version7Ids(at, 1000);
        var made = Enumerable.Range(0, 1000).Select(_ => ids.Next()).ToList();

        made.Distinct().Count().ShouldBe(1000);
        made.ShouldAllBe(id => id.Version == 7);
        made.ShouldAllBe(id => (id.Variant & 0xC) == 0x8, "RFC 9562 variant: the top bits 10");
        made.Select(id => Convert.ToInt64(id.ToString("N")[..12], 16)).ShouldAllBe(ms => ms == at.ToUnixTimeMilliseconds());
        ids.Remaining.ShouldBe(0);
        Should.Throw<InvalidOperationException>(() => ids.Next());
    }

    [Fact]
    public void Ids_of_a_later_millisecond_sort_after_earlier_ones_as_text_and_as_ids()
    {
        var at = new DateTimeOffset(2026, 12, 3, 18, 30, 15, 123, TimeSpan.Zero);
        var earlier = new Version7Ids(at, 50);
        var later = new Version7Ids(at.AddMilliseconds(1), 50);
        var first = Enumerable.Range(0, 50).Select(_ => earlier.Next()).ToList();
        var second = Enumerable.Range(0, 50).Select(_ => later.Next()).ToList();

        second.ShouldAllBe(b => first.All(a => string.CompareOrdinal(a.ToString(), b.ToString()) < 0 && a.CompareTo(b) < 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new Version7Ids(at, 0));
    }
}

using LiveCross.Server.Live.Rooms;

namespace LiveCross.Server.Tests.Live;

/// <summary>The word matcher itself: whole words and phrases in any case, CJK entries as substrings, and no clock in it.</summary>
public sealed class BannedWordsTests
{
    private static readonly BannedWords Words = new(["scam", "Betrüger", "fake goods", "# a comment", "假货"]);

    [Theory]
    [InlineData("this shop is a SCAM!", true)]
    [InlineData("scam", true)]
    [InlineData("ein betrüger.", true)]
    [InlineData("these are FAKE   goods, really", true)]
    [InlineData("fake-goods", true)]
    [InlineData("这是假货吗", true)]
    [InlineData("ｓｃａｍ", true)]
    [InlineData("scampi for dinner", false)]
    [InlineData("fakegoods", false)]
    [InlineData("fake good", false)]
    [InlineData("goods fake", false)]
    [InlineData("Hello from node A", false)]
    [InlineData("a comment", false)]
    public void A_line_matches_only_whole_banned_words_and_phrases(string line, bool matches) => Words.Matches(line).ShouldBe(matches);

    [Fact]
    public void A_long_line_of_near_misses_is_answered_without_a_timeout()
    {
        var line = string.Join(' ', Enumerable.Repeat("fake scampi", 2_000));

        Words.Matches(line).ShouldBeFalse();
        Words.Count.ShouldBe(4);
    }
}

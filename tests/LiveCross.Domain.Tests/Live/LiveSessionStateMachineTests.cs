using LiveCross.Domain.Live;

namespace LiveCross.Domain.Tests.Live;

public sealed class LiveSessionStateMachineTests
{
    private static readonly DateTimeOffset Eight = new(2026, 12, 3, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_session_goes_from_scheduled_to_live_to_ended_to_replay_and_each_move_is_recorded()
    {
        var live = LiveSessionStateMachine.GoLive(LiveSessionStatus.Scheduled, "seller:li-wei", Eight, "Host went live.");
        var ended = LiveSessionStateMachine.End(LiveSessionStatus.Live, "media-server", Eight.AddHours(1), "Stream stopped.");
        var replay = LiveSessionStateMachine.PublishReplay(LiveSessionStatus.Ended, "system", Eight.AddHours(2), "Recording published.");

        live.ShouldBe(new LiveSessionMove.Accepted(new LiveSessionChange(LiveSessionStatus.Scheduled, LiveSessionStatus.Live, "seller:li-wei", Eight, "Host went live.")));
        ended.ShouldBe(new LiveSessionMove.Accepted(new LiveSessionChange(LiveSessionStatus.Live, LiveSessionStatus.Ended, "media-server", Eight.AddHours(1), "Stream stopped.")));
        replay.ShouldBeOfType<LiveSessionMove.Accepted>().Change.To.ShouldBe(LiveSessionStatus.Replay);
    }

    [Theory]
    [InlineData(LiveSessionStatus.Live)]
    [InlineData(LiveSessionStatus.Ended)]
    [InlineData(LiveSessionStatus.Replay)]
    public void Only_a_scheduled_session_can_go_live(LiveSessionStatus current)
    {
        var refused = LiveSessionStateMachine.GoLive(current, "seller:li-wei", Eight, "again").ShouldBeOfType<LiveSessionMove.Refused>();

        refused.Current.ShouldBe(current);
        refused.Reason.ShouldBe($"A session that is {current.ToString().ToLowerInvariant()} cannot become live.");
    }

    [Theory]
    [InlineData(LiveSessionStatus.Scheduled)]
    [InlineData(LiveSessionStatus.Ended)]
    [InlineData(LiveSessionStatus.Replay)]
    public void Only_a_live_session_can_end(LiveSessionStatus current) =>
        LiveSessionStateMachine.End(current, "seller:li-wei", Eight, "stop").ShouldBeOfType<LiveSessionMove.Refused>();

    [Theory]
    [InlineData(LiveSessionStatus.Scheduled)]
    [InlineData(LiveSessionStatus.Live)]
    [InlineData(LiveSessionStatus.Replay)]
    public void Only_an_ended_session_becomes_a_replay(LiveSessionStatus current) =>
        LiveSessionStateMachine.PublishReplay(current, "system", Eight, "publish").ShouldBeOfType<LiveSessionMove.Refused>();

    [Fact]
    public void No_move_goes_backwards()
    {
        var statuses = Enum.GetValues<LiveSessionStatus>();

        var backwards = from earlier in statuses from later in statuses where later <= earlier && LiveSessionStateMachine.CanMove(earlier, later) select (earlier, later);

        backwards.ShouldBeEmpty();
    }

    [Fact]
    public void A_move_without_an_actor_is_a_programming_error() =>
        Should.Throw<ArgumentException>(() => LiveSessionStateMachine.GoLive(LiveSessionStatus.Scheduled, " ", Eight, "anonymous"));
}

public sealed class StreamKeysTests
{
    [Fact]
    public void New_keys_are_long_url_safe_and_different_each_time()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => StreamKeys.New()).ToList();

        keys.Distinct().Count().ShouldBe(100);
        keys.ShouldAllBe(k => k.Length == StreamKeys.Length && StreamKeys.IsWellFormed(k));
        keys.ShouldAllBe(k => k.Length - StreamKeys.Prefix.Length >= 32);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("lcs_short")]
    [InlineData("xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("lcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    public void Text_that_is_not_a_key_is_told_apart(string? text) => StreamKeys.IsWellFormed(text).ShouldBeFalse();

    [Fact]
    public void The_stored_hash_depends_on_the_platform_secret_and_never_contains_the_key()
    {
        var key = StreamKeys.New();

        var hash = StreamKeys.Hash(key, "secret-a");

        hash.Length.ShouldBe(64);
        hash.ShouldBe(StreamKeys.Hash(key, "secret-a"));
        hash.ShouldNotBe(StreamKeys.Hash(key, "secret-b"));
        hash.ShouldNotContain(key[StreamKeys.Prefix.Length..]);
    }
}

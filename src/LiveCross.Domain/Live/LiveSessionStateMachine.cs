namespace LiveCross.Domain.Live;

public enum LiveSessionStatus
{
    Scheduled,
    Live,
    Ended,

    /// <summary>The recorded stream published as a video with its product timeline (a later issue).</summary>
    Replay,
}

/// <summary>One move of a session, with who made it, when, and why.</summary>
public sealed record LiveSessionChange(LiveSessionStatus From, LiveSessionStatus To, string Actor, DateTimeOffset At, string Reason);

/// <summary>The outcome of asking for a move: the change to record, or a refusal saying why.</summary>
public abstract record LiveSessionMove
{
    public sealed record Accepted(LiveSessionChange Change) : LiveSessionMove;

    public sealed record Refused(LiveSessionStatus Current, string Reason) : LiveSessionMove;
}

/// <summary>
/// A live session's lifecycle: Scheduled → Live → Ended → Replay, one way only. An ended session never
/// goes live again, which is what makes its stream key useless after the end.
/// </summary>
public static class LiveSessionStateMachine
{
    private static readonly Dictionary<LiveSessionStatus, LiveSessionStatus[]> Moves = new()
    {
        [LiveSessionStatus.Scheduled] = [LiveSessionStatus.Live],
        [LiveSessionStatus.Live] = [LiveSessionStatus.Ended],
        [LiveSessionStatus.Ended] = [LiveSessionStatus.Replay],
        [LiveSessionStatus.Replay] = [],
    };

    public static bool CanMove(LiveSessionStatus from, LiveSessionStatus to) => Moves[from].Contains(to);

    public static LiveSessionMove GoLive(LiveSessionStatus current, string actor, DateTimeOffset at, string reason) =>
        Move(current, LiveSessionStatus.Live, actor, at, reason);

    public static LiveSessionMove End(LiveSessionStatus current, string actor, DateTimeOffset at, string reason) =>
        Move(current, LiveSessionStatus.Ended, actor, at, reason);

    public static LiveSessionMove PublishReplay(LiveSessionStatus current, string actor, DateTimeOffset at, string reason) =>
        Move(current, LiveSessionStatus.Replay, actor, at, reason);

    private static LiveSessionMove Move(LiveSessionStatus current, LiveSessionStatus to, string actor, DateTimeOffset at, string reason)
    {
        if (string.IsNullOrWhiteSpace(actor)) throw new ArgumentException("Every move names who made it.", nameof(actor));
        if (!CanMove(current, to))
            return new LiveSessionMove.Refused(current, $"A session that is {Describe(current)} cannot become {Describe(to)}.");
        return new LiveSessionMove.Accepted(new LiveSessionChange(current, to, actor, at, reason));
    }

    public static string Describe(LiveSessionStatus status) => status.ToString().ToLowerInvariant();
}

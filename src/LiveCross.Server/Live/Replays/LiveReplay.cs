using LiveCross.Server.Platform.Database;

namespace LiveCross.Server.Live.Replays;

/// <summary>Where a replay's video comes from.</summary>
public enum ReplaySource
{
    /// <summary>The media server recorded the RTMP stream; a job remuxes the recording into an MP4.</summary>
    Recording,

    /// <summary>The session was live by the host's word and played the prepared demo video, which becomes its replay.</summary>
    DemoVideo,
}

public enum ReplayStatus
{
    /// <summary>The stream is being recorded (the session is live).</summary>
    Recording,

    /// <summary>The session has ended; the replay job makes the video, retrying on failure.</summary>
    Pending,

    Ready,

    /// <summary>Every attempt failed; <see cref="LiveReplay.LastError"/> says why. The session stays ended.</summary>
    Failed,
}

/// <summary>
/// A session's replay in the making and, once ready, its video. Pin offsets on the timeline are measured from
/// <see cref="RecordingStartedAt"/>, the moment the recording (or the demo video) began.
/// </summary>
public sealed class LiveReplay : ITimestamped, IVersioned
{
    public const int MaxError = 500;

    public Guid SessionId { get; set; }

    public ReplaySource Source { get; set; }

    public ReplayStatus Status { get; set; }

    public DateTimeOffset RecordingStartedAt { get; set; }

    /// <summary>The file the media server wrote, as its on_record_done callback reported it; null until then.</summary>
    public string? RecordingPath { get; set; }

    public DateTimeOffset? RecordingDoneAt { get; set; }

    /// <summary>Where viewers load the video, e.g. /media/replays/{session id}.mp4.</summary>
    public string? VideoUrl { get; set; }

    public double? DurationSeconds { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Changes on every save: two nodes finishing the same replay cannot both win.</summary>
    public Guid Version { get; set; }
}

/// <summary>One product the host pinned in a live session, and when; unpinned when the next pin replaced it.</summary>
public sealed class LivePin
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SessionId { get; set; }

    public Guid ProductId { get; set; }

    public Guid PinnedBy { get; set; }

    public DateTimeOffset PinnedAt { get; set; }

    public DateTimeOffset? UnpinnedAt { get; set; }
}

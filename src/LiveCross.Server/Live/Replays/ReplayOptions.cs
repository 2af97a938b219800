using System.ComponentModel.DataAnnotations;

namespace LiveCross.Server.Live.Replays;

public sealed class ReplayOptions : IValidatableObject
{
    public const string Section = "Replays";

    /// <summary>How often each node looks for ended sessions whose replay is due.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts at making one replay before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt; each later one waits twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after the end to wait for the media server's on_record_done before looking for the recording where
    /// nginx writes it by default ({data}/media-server/recordings/{session id}.flv).
    /// </summary>
    public TimeSpan RecordingGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest an ffmpeg or ffprobe run may take before it is killed and the attempt counts as failed.</summary>
    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SweepInterval <= TimeSpan.Zero || SweepInterval > TimeSpan.FromHours(1))
            yield return new("Replays:SweepInterval must be positive and at most an hour.", [nameof(SweepInterval)]);
        if (MaxAttempts is < 1 or > 100) yield return new("Replays:MaxAttempts must be from 1 to 100.", [nameof(MaxAttempts)]);
        if (FirstRetryDelay <= TimeSpan.Zero || FirstRetryDelay > TimeSpan.FromDays(1))
            yield return new("Replays:FirstRetryDelay must be positive and at most a day.", [nameof(FirstRetryDelay)]);
        if (RecordingGrace < TimeSpan.Zero || RecordingGrace > TimeSpan.FromDays(1))
            yield return new("Replays:RecordingGrace must be from zero to a day.", [nameof(RecordingGrace)]);
        if (ProcessTimeout <= TimeSpan.Zero || ProcessTimeout > TimeSpan.FromHours(6))
            yield return new("Replays:ProcessTimeout must be positive and at most 6 hours.", [nameof(ProcessTimeout)]);
    }
}

using System.ComponentModel.DataAnnotations;

namespace LiveCross.Server.Platform.Outbox;

public sealed class OutboxOptions : IValidatableObject
{
    public const string Section = "Outbox";

    /// <summary>How often a node looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Delay after the first failure; doubled per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed message stays with one worker before another node may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval <= TimeSpan.Zero) yield return new("Outbox:PollInterval must be positive.", [nameof(PollInterval)]);
        if (FirstRetryDelay <= TimeSpan.Zero) yield return new("Outbox:FirstRetryDelay must be positive.", [nameof(FirstRetryDelay)]);
        if (MaxRetryDelay < FirstRetryDelay) yield return new("Outbox:MaxRetryDelay must be at least FirstRetryDelay.", [nameof(MaxRetryDelay)]);
        if (Lease <= TimeSpan.Zero) yield return new("Outbox:Lease must be positive.", [nameof(Lease)]);
    }

    /// <summary>Exponential backoff: first, 2×first, 4×first … capped at the maximum.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay;
    }
}

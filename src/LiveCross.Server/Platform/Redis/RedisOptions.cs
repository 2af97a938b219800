using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace LiveCross.Server.Platform.Redis;

/// <summary>
/// <c>Redis:*</c> settings. Without <see cref="Configuration"/> LiveCross is one node and keeps room state in its own
/// memory; with it, several nodes share one Redis for SignalR's backplane, room counters, sequence numbers, chat
/// history and the broadcasts that keep each node's rooms and flash-sale lanes in step.
/// </summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379,password=...</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Put before every key and channel LiveCross uses, so several deployments can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "livecross";

    /// <summary>How long a node's share of a room's viewers counts after its last refresh: a node that dies stops counting after this.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled)
        {
            string? problem = null;
            try
            {
                ConfigurationOptions.Parse(Configuration!);
            }
            catch (ArgumentException e)
            {
                problem = e.Message;
            }
            if (problem is not null) yield return new($"Redis:Configuration is not a valid StackExchange.Redis connection string: {problem}", [nameof(Configuration)]);
        }
        if (string.IsNullOrEmpty(ChannelPrefix) || ChannelPrefix.Length > 64 || !ChannelPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            yield return new("Redis:ChannelPrefix must be 1 to 64 letters, digits, '-', '_' or '.'.", [nameof(ChannelPrefix)]);
        if (NodeTimeout < TimeSpan.FromSeconds(1) || NodeTimeout > TimeSpan.FromMinutes(5))
            yield return new("Redis:NodeTimeout must be between 1 second and 5 minutes.", [nameof(NodeTimeout)]);
    }
}

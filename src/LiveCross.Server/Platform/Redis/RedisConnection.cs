using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveCross.Server.Platform.Redis;

/// <summary>
/// The app's one connection to Redis (<see cref="Multiplexer"/> is null when Redis is not configured), this node's id,
/// and the names of LiveCross's keys and channels under <see cref="RedisOptions.ChannelPrefix"/>.
/// </summary>
public sealed class RedisConnection(IServiceProvider services, IOptions<RedisOptions> options)
{
    private readonly Lazy<IConnectionMultiplexer?> _multiplexer = new(() => options.Value.Enabled ? services.GetRequiredService<IConnectionMultiplexer>() : null);

    public bool Enabled => options.Value.Enabled;

    public IConnectionMultiplexer? Multiplexer => _multiplexer.Value;

    /// <summary>Tells this process apart from the other nodes: per-node counters and the origin of broadcasts.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N")[..16];

    public TimeSpan NodeTimeout => options.Value.NodeTimeout;

    public IDatabase Database => Multiplexer?.GetDatabase() ?? throw new InvalidOperationException("Redis is not configured.");

    public ISubscriber Subscriber => Multiplexer?.GetSubscriber() ?? throw new InvalidOperationException("Redis is not configured.");

    public string KeyPrefix => options.Value.ChannelPrefix + ":";

    public RedisKey Key(string name) => KeyPrefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(KeyPrefix + name);
}

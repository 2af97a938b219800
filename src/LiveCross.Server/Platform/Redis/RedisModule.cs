using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveCross.Server.Platform.Redis;

public static class RedisModule
{
    /// <summary>
    /// With <c>Redis:Configuration</c>: one <see cref="IConnectionMultiplexer"/> for the app, SignalR's Redis backplane on it
    /// (channels under <c>Redis:ChannelPrefix</c>) and a readiness check. Without it nothing changes: one node, in-process.
    /// </summary>
    public static WebApplicationBuilder AddRedis(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RedisConnection>();
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (!redis.Enabled) return builder;

        builder.Services.AddSingleton<IConnectionMultiplexer>(s =>
        {
            var configuration = ConfigurationOptions.Parse(s.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration!);
            // A node starts (and answers "not ready") while Redis is away, and reconnects on its own when it is back.
            configuration.AbortOnConnectFail = false;
            configuration.ClientName ??= "livecross";
            return ConnectionMultiplexer.Connect(configuration);
        });
        builder.Services.AddSignalR().AddStackExchangeRedis();
        builder.Services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
            .Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((signalR, multiplexer, options) =>
            {
                signalR.Configuration.ChannelPrefix = RedisChannel.Literal(options.Value.ChannelPrefix + ":signalr");
                signalR.ConnectionFactory = _ => Task.FromResult(multiplexer);
            });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}

/// <summary>Ready only while Redis answers: a node cut off from it would show its viewers a room that no longer hears the others.</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.Database.PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", e);
        }
    }
}

using LiveCross.Server.Platform.Redis;

namespace LiveCross.Server.Live.FlashSales;

/// <summary>
/// Units of a sale went back (unpaid claims expired, a claim was cancelled): every node's <see cref="FlashSaleEngine"/>
/// must stop answering SoldOut from memory and ask the database again. On one node that is a method call; with Redis the
/// release is broadcast (<c>{prefix}:flash-sales:released</c>) and each node reopens its lane for the sale. The
/// database still decides every sale; a lost broadcast only delays a reopening until the engine's own re-read
/// (<see cref="FlashSaleOptions.SoldOutRecheckInterval"/>).
/// </summary>
public sealed class FlashSaleReleases(FlashSaleEngine engine, RedisConnection redis, ILogger<FlashSaleReleases> logger) : IHostedService
{
    public const string Channel = "flash-sales:released";

    /// <summary>Call after the transaction that gave units of <paramref name="saleId"/> back has committed.</summary>
    public void Released(Guid saleId)
    {
        engine.UnitsReleased(saleId);
        if (redis.Enabled) _ = BroadcastAsync(saleId);
    }

    private async Task BroadcastAsync(Guid saleId)
    {
        try
        {
            await redis.Subscriber.PublishAsync(redis.Channel(Channel), $"{saleId:N} {redis.NodeId}");
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Flash sale {SaleId}: could not tell the other nodes that units were released", saleId);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.Enabled) return;
        await redis.Subscriber.SubscribeAsync(redis.Channel(Channel), (_, message) =>
        {
            var parts = message.ToString().Split(' ');
            if (parts.Length == 2 && parts[1] != redis.NodeId && Guid.TryParseExact(parts[0], "N", out var saleId)) engine.UnitsReleased(saleId);
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

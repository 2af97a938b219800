using LiveCross.Domain.Live;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.Rooms;

/// <summary>
/// One timer per node, not per message: every <see cref="RoomOptions.BroadcastInterval"/> it sends each room's likes and
/// viewers if they changed, and the remaining quantity of each room's active flash sale (one database read for all of
/// them); every <see cref="RoomOptions.PersistInterval"/> it adds the likes taken since to the database and raises the peak.
/// With Redis each tick first shares this node's counters (<see cref="RoomCluster"/>), and only the room's broadcaster
/// (one node per room) sends counters and stock.
/// </summary>
public sealed class RoomTicker(
    RoomRegistry rooms, IServiceScopeFactory scopes, IOptions<RoomOptions> options, TimeProvider clock, ILogger<RoomTicker> logger, RoomCluster cluster)
    : BackgroundService
{
    private static readonly TimeSpan IdleRoom = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DiscoverInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<Guid, (int Remaining, string Status)> _lastStock = [];
    private readonly Dictionary<Guid, DateTimeOffset> _countersDue = [];

    /// <summary>
    /// Rooms of more viewers than this get their counters less often (one more interval per this many viewers): while
    /// thousands join, a count sent to everyone four times a second would cost more than it tells.
    /// </summary>
    public const int ViewersPerCountersInterval = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BroadcastInterval, clock);
        var lastPersist = clock.GetUtcNow();
        var lastDiscover = clock.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (cluster.Enabled) await cluster.ShareCountersAsync(rooms.Loaded.ToList());
                    await BroadcastCountersAsync();
                    if (clock.GetUtcNow() - lastDiscover >= DiscoverInterval)
                    {
                        lastDiscover = clock.GetUtcNow();
                        await DiscoverAsync(stoppingToken);
                    }
                    await BroadcastStockAsync(stoppingToken);
                    if (clock.GetUtcNow() - lastPersist >= options.Value.PersistInterval)
                    {
                        lastPersist = clock.GetUtcNow();
                        await PersistAsync(evictIdle: true, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Room tick failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        await PersistAsync(evictIdle: false, CancellationToken.None);
    }

    private async Task BroadcastCountersAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var room in rooms.Loaded)
        {
            if (!cluster.Broadcasts(room))
            {
                room.TakeCountersDirty();
                continue;
            }
            if (_countersDue.TryGetValue(room.Id, out var due) && now < due) continue; // stays dirty: sent when due
            if (!room.TakeCountersDirty()) continue;
            var viewers = room.TotalViewers;
            _countersDue[room.Id] = now + options.Value.BroadcastInterval * (1 + viewers / ViewersPerCountersInterval);
            await rooms.SendAsync(room, RoomEvents.Counters, seq => new CountersMessage(room.Id, seq, room.Likes, viewers));
        }
        if (_countersDue.Count > 0)
            foreach (var gone in _countersDue.Keys.Where(id => rooms.Find(id) is null).ToList()) _countersDue.Remove(gone);
    }

    /// <summary>
    /// Once a second, one read for all rooms on this node: each session's status, and flash sales started for a room
    /// that has none showing. A sale started through another node (or one this node was not told of) appears this way.
    /// </summary>
    private async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        var loaded = rooms.Loaded.Where(r => !r.Viewers.IsEmpty).ToList();
        if (loaded.Count == 0) return;
        var ids = loaded.Select(r => r.Id).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var statuses = await db.LiveSessions.IgnoreQueryFilters().AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Status }).ToDictionaryAsync(s => s.Id, s => s.Status, cancellationToken);
        foreach (var room in loaded)
        {
            if (statuses.TryGetValue(room.Id, out var status)) room.Status = LiveSessionStateMachine.Describe(status);
        }
        var without = loaded.Where(r => r.FlashSale is null or { Status: "ended" }).Select(r => (Guid?)r.Id).ToList();
        if (without.Count == 0) return;
        var now = clock.GetUtcNow();
        var sales = await db.FlashSales.IgnoreQueryFilters().AsNoTracking()
            .Where(s => without.Contains(s.SessionId) && s.Status == FlashSaleStatus.Active && s.EndsAt > now)
            .ToListAsync(cancellationToken);
        foreach (var sale in sales.OrderByDescending(s => s.CreatedAt)) // the newest, as a loading room shows
        {
            if (rooms.Find(sale.SessionId!.Value) is not { } room) continue;
            if (room.FlashSale is { Status: not "ended" } showing && showing.SaleId != sale.Id) continue;
            rooms.Started(sale, FlashSaleEndpoints.ToDto(sale, now));
        }
    }

    private async Task BroadcastStockAsync(CancellationToken cancellationToken)
    {
        var withSale = rooms.Loaded.Where(r => r.FlashSale is { Status: not "ended" } && r.TotalViewers > 0).ToList();
        if (withSale.Count == 0) return;
        var ids = withSale.Select(r => r.FlashSale!.SaleId).Distinct().ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var sales = await db.FlashSales.IgnoreQueryFilters().AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var room in withSale)
        {
            var current = room.FlashSale!;
            if (!sales.TryGetValue(current.SaleId, out var sale)) continue;
            var shown = FlashSaleEndpoints.ToDto(sale, now);
            room.FlashSale = current with { Remaining = shown.Remaining, Status = shown.Status, EndsAt = shown.EndsAt };
            if (!cluster.Broadcasts(room))
            {
                _lastStock.Remove(sale.Id);
                continue;
            }
            var key = (shown.Remaining, shown.Status);
            if (_lastStock.TryGetValue(sale.Id, out var last) && last == key) continue;
            if (shown.Status == "ended") _lastStock.Remove(sale.Id);
            else _lastStock[sale.Id] = key;
            await rooms.SendAsync(room, RoomEvents.FlashSaleStock, seq => new FlashSaleStockMessage(room.Id, seq, sale.Id, shown.Remaining, shown.Status));
        }
    }

    private async Task PersistAsync(bool evictIdle, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var room in rooms.Loaded.ToList())
        {
            var likes = room.TakeUnsavedLikes();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
                var peak = room.PeakViewers;
                // Adds this node's likes to what the row holds, so several nodes writing the same room add up.
                var updated = await db.LiveRoomStats.Where(s => s.SessionId == room.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Likes, x => x.Likes + likes)
                    .SetProperty(x => x.PeakViewers, x => x.PeakViewers > peak ? x.PeakViewers : peak)
                    .SetProperty(x => x.UpdatedAt, now), cancellationToken);
                if (updated == 0)
                {
                    db.LiveRoomStats.Add(new LiveRoomStats { SessionId = room.Id, Likes = likes, PeakViewers = peak, UpdatedAt = now });
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                room.ReturnUnsavedLikes(likes);
                logger.LogWarning(e, "Could not save the counters of room {RoomId}", room.Id);
                continue;
            }
            if (evictIdle && room.Viewers.IsEmpty && now - room.LastActivity > IdleRoom) rooms.Forget(room);
        }
    }
}

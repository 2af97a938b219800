using System.Collections.Concurrent;
using LiveCross.Domain.Live;
using LiveCross.Server.Live.Coupons;
using LiveCross.Server.Live.Draws;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Rooms;

/// <summary>A lucky draw began in the room: prize, winners, entry rule, end time and the SHA-256 commitment of its seed.</summary>
public sealed record DrawStartedMessage(Guid RoomId, long Seq, DrawDto Draw) : IRoomMessage;

/// <summary>A draw was drawn: its seed and winners (customer ids, in rank order); the entrants are at <c>/draws/{id}/verify</c>.</summary>
public sealed record DrawEndedMessage(Guid RoomId, long Seq, DrawDto Draw) : IRoomMessage;

/// <summary>
/// Sent only to the viewer concerned: their chat line entered a phrase draw. <c>Seq</c> is the chat line's number (a
/// number the viewer was already sent), whatever the room has numbered since.
/// </summary>
public sealed record DrawEnteredMessage(Guid RoomId, long Seq, Guid DrawId) : IRoomMessage;

/// <summary>The host dropped coupons: discount, minimum spend, quantity and what remains, expiry.</summary>
public sealed record CouponDroppedMessage(Guid RoomId, long Seq, LiveCouponDto Coupon) : IRoomMessage;

/// <summary>Every coupon of a drop has been claimed.</summary>
public sealed record CouponClaimedOutMessage(Guid RoomId, long Seq, Guid CouponId) : IRoomMessage;

/// <summary>
/// The answer to <c>EnterDraw</c>. <c>outcome</c>: Entered, AlreadyEntered, NotQualified (with <c>secondsLeft</c> to stay
/// in the room), Closed, PostThePhrase (a phrase draw is entered from the chat) or SignInRequired.
/// </summary>
public sealed record DrawEntryResult(string Outcome, int? SecondsLeft)
{
    public static readonly DrawEntryResult SignInRequired = new("SignInRequired", null);
    public static readonly DrawEntryResult PostThePhrase = new("PostThePhrase", null);
}

/// <summary>
/// Brings lucky draws and live coupons into the rooms: once a second, one read for all rooms with viewers on this node
/// finds draws and coupon drops that began or ended, wherever that happened (the seller's API on any node, the close
/// job), and announces them through <see cref="RoomRegistry"/>, so they are numbered like every room message. It also
/// enters viewers into draws: a phrase posted in chat, or the time a connection has been in the room. With several nodes
/// (Redis) every node keeps track, but only the room's broadcaster announces, since its messages reach every node's viewers.
/// </summary>
public sealed class RoomDrawsAndCoupons(RoomRegistry rooms, RoomCluster cluster, IServiceScopeFactory scopes, TimeProvider clock, ILogger<RoomDrawsAndCoupons> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // Drawn draws and expired drops are looked for a little while after the fact, so a slow tick does not miss their end.
    private static readonly TimeSpan Lookback = TimeSpan.FromMinutes(2);

    // A room's first pass announces only what began this recently: a joiner reads older draws and coupons over HTTP, and
    // one made between that read and the first pass would otherwise be shown to nobody. Twice told is harmless (by id).
    private static readonly TimeSpan FirstPassRecent = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Guid, Known> _known = new();
    private readonly SemaphoreSlim _polling = new(1, 1);

    /// <summary>What a room has been told, per node; the open phrase draws are read by the hub on every chat line.</summary>
    private sealed class Known
    {
        public Dictionary<Guid, bool> Draws { get; } = []; // draw id → its end announced
        public Dictionary<Guid, bool> Coupons { get; } = []; // coupon id → its claimed-out announced
        public (Guid Id, DrawEntryRule Rule)[] OpenPhraseDraws { get; set; } = [];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PollAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Announcing draws and coupons in the rooms failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One pass over the rooms this node serves; passes never overlap.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        await _polling.WaitAsync(cancellationToken);
        try
        {
            await PollOnceAsync(cancellationToken);
        }
        finally
        {
            _polling.Release();
        }
    }

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var watched = rooms.Loaded.Where(r => !r.Viewers.IsEmpty || (cluster.Broadcasts(r) && r.TotalViewers > 0)).ToDictionary(r => r.Id);
        foreach (var gone in _known.Keys.Where(id => rooms.Find(id) is null)) _known.TryRemove(gone, out _);
        if (watched.Count == 0) return;
        var ids = watched.Keys.ToList();
        var now = clock.GetUtcNow();
        var since = now - Lookback;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var draws = await db.LuckyDraws.IgnoreQueryFilters().AsNoTracking()
            .Where(d => ids.Contains(d.SessionId) && (d.Status == LuckyDrawStatus.Open || d.DrawnAt >= since))
            .Select(d => new { d.Id, d.SessionId, d.Status, d.EntryKind, d.WatchSeconds, d.Phrase, d.StartsAt, d.EndsAt })
            .ToListAsync(cancellationToken);
        var coupons = await db.LiveCoupons.IgnoreQueryFilters().AsNoTracking()
            .Where(c => ids.Contains(c.SessionId) && c.ExpiresAt >= since)
            .ToListAsync(cancellationToken);

        foreach (var (id, room) in watched)
        {
            var first = !_known.TryGetValue(id, out var known);
            var announces = cluster.Broadcasts(room);
            known ??= _known.GetOrAdd(id, _ => new Known());
            var roomDraws = draws.Where(d => d.SessionId == id).ToList();
            known.OpenPhraseDraws = roomDraws
                .Where(d => d.Status == LuckyDrawStatus.Open && d.EntryKind == DrawEntryKind.Phrase && d.EndsAt > now && d.Phrase is not null)
                .Select(d => (d.Id, DrawEntryRule.Post(d.Phrase!))).ToArray();
            foreach (var draw in roomDraws)
            {
                var drawn = draw.Status == LuckyDrawStatus.Drawn;
                var isNew = !known.Draws.TryGetValue(draw.Id, out var endAnnounced);
                known.Draws[draw.Id] = drawn;
                if (!announces || (first && draw.StartsAt < now - FirstPassRecent)) continue;
                if (!isNew && endAnnounced == drawn) continue;
                if (await DrawDtoAsync(db, draw.Id, now, cancellationToken) is not { } dto) continue;
                if (isNew && !drawn) await rooms.SendAsync(room, RoomEvents.DrawStarted, seq => new DrawStartedMessage(room.Id, seq, dto));
                if (drawn) await rooms.SendAsync(room, RoomEvents.DrawEnded, seq => new DrawEndedMessage(room.Id, seq, dto));
            }
            foreach (var coupon in coupons.Where(c => c.SessionId == id))
            {
                var claimedOut = coupon.Claimed >= coupon.Quantity;
                var isNew = !known.Coupons.TryGetValue(coupon.Id, out var outAnnounced);
                known.Coupons[coupon.Id] = claimedOut;
                if (!announces || (first && coupon.CreatedAt < now - FirstPassRecent)) continue;
                if (isNew && coupon.ExpiresAt > now)
                {
                    var dto = LiveCouponEndpoints.ToDto(coupon, now);
                    await rooms.SendAsync(room, RoomEvents.CouponDropped, seq => new CouponDroppedMessage(room.Id, seq, dto));
                }
                if (claimedOut && (isNew || !outAnnounced))
                    await rooms.SendAsync(room, RoomEvents.CouponClaimedOut, seq => new CouponClaimedOutMessage(room.Id, seq, coupon.Id));
            }
        }
    }

    public override void Dispose()
    {
        _polling.Dispose();
        base.Dispose();
    }

    private static async Task<DrawDto?> DrawDtoAsync(LiveCrossDbContext db, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dto = await DrawEndpoints.LoadDtoAsync(db, id, null, now, cancellationToken);
        // The entrants can be thousands of ids: the room gets the winners, the verify page has the full list.
        return dto is null ? null : dto with { Entrants = null };
    }

    /// <summary>
    /// Enters the chat line's author into each open phrase draw of the room that <paramref name="line"/> (their accepted
    /// chat line) qualifies for, and tells their connection. Cheap when no draw matches: the check is in memory.
    /// </summary>
    public async Task EnterByChatAsync(Room room, ChatMessage line, string connectionId, CancellationToken cancellationToken)
    {
        if (!_known.TryGetValue(room.Id, out var known)) return;
        var evidence = new EntryEvidence.Chat(line.Text);
        foreach (var (drawId, rule) in known.OpenPhraseDraws)
        {
            if (!rule.IsMetBy(evidence)) continue;
            await using var scope = scopes.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<LuckyDrawService>();
            // The entry takes a database write, during which other room messages may be numbered: the line's own number
            // ties the entry to its cause, and the viewer has been sent that number already.
            if (await service.EnterAsync(drawId, line.UserId, evidence, cancellationToken) == EntryOutcome.Entered)
                await rooms.SendToConnectionAsync(connectionId, RoomEvents.DrawEntered, new DrawEnteredMessage(room.Id, line.Seq, drawId));
        }
    }

    /// <summary>
    /// Enters the customer into a watch draw of the room when this connection has been in the room for the rule's seconds
    /// since the draw began (time before the draw does not count). Null when the room has no such draw.
    /// </summary>
    public async Task<DrawEntryResult?> EnterByWatchingAsync(Room room, Guid drawId, Guid customer, DateTimeOffset joinedAt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var draw = await db.LuckyDraws.IgnoreQueryFilters().AsNoTracking().Where(d => d.Id == drawId && d.SessionId == room.Id)
            .Select(d => new { d.EntryKind, d.StartsAt, d.WatchSeconds }).FirstOrDefaultAsync(cancellationToken);
        if (draw is null) return null;
        if (draw.EntryKind == DrawEntryKind.Phrase) return DrawEntryResult.PostThePhrase;
        var from = joinedAt > draw.StartsAt ? joinedAt : draw.StartsAt;
        var watched = (int)Math.Clamp((clock.GetUtcNow() - from).TotalSeconds, 0, int.MaxValue);
        var service = scope.ServiceProvider.GetRequiredService<LuckyDrawService>();
        var outcome = await service.EnterAsync(drawId, customer, new EntryEvidence.Watched(watched), cancellationToken);
        if (outcome is null) return null;
        return new DrawEntryResult(outcome.Value.ToString(), outcome == EntryOutcome.NotQualified ? draw.WatchSeconds - watched : null);
    }
}

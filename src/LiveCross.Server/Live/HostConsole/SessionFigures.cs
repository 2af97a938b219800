using LiveCross.Domain.Live;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.HostConsole;

/// <summary>Orders and GMV taken in one minute of a session (the minute starts at <see cref="Minute"/>, UTC).</summary>
public sealed record MinuteFigures(DateTimeOffset Minute, int Orders, int Units, decimal Gmv);

/// <summary>
/// A session's live figures for its host. <c>viewers</c> is who watches the room now (connections to this node),
/// <c>likes</c> the room's total; orders, units and GMV count the session's flash-sale claims that stand (see
/// <see cref="SessionFigures"/>), GMV in the seller's currency. <c>perMinute</c> covers the last
/// <see cref="SessionFigures.ChartMinutes"/> minutes of the session up to now (or its end), oldest first, empty before it starts.
/// </summary>
public sealed record SessionFiguresDto(
    Guid SessionId, string Status, DateTimeOffset At, int Viewers, int PeakViewers, long Likes, int Orders, int Units, MoneyDto Gmv,
    IReadOnlyList<MinuteFigures> PerMinute, IReadOnlyList<SaleFiguresDto> FlashSales);

/// <summary>One flash sale of the session as the host follows it: claimed and remaining units, and its status.</summary>
public sealed record SaleFiguresDto(Guid SaleId, string Sku, int Quantity, int Claimed, int Remaining, string Status, int Claims, MoneyDto Price, DateTimeOffset EndsAt);

/// <summary>
/// What counts as an order of a live session: each accepted claim of one of the session's flash sales that still
/// stands — held for its buyer (won, waiting for payment) or paid — counted in the minute it was accepted, at the flash
/// price times its quantity. A claim that expired gave its units back and is no order. A claim is counted once whether or
/// not it has become a checkout order yet, so the figure does not jump when the buyer pays. Orders placed through the
/// shop (the pinned card's product page and the cart) carry no link to the room and are not counted.
/// </summary>
public sealed class SessionFigures(LiveCrossDbContext db, RoomRegistry rooms, TimeProvider clock)
{
    public const int ChartMinutes = 30;

    /// <summary>The figures of one of the caller's sessions (the tenant filter hides others': null, as for a made-up id).</summary>
    public async Task<SessionFiguresDto?> ForAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.LiveSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.Id, s.SellerId, s.Status, s.StartedAt, s.EndedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (session is null) return null;
        var currency = await db.Sellers.AsNoTracking().Where(s => s.Id == session.SellerId).Select(s => s.Currency).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow();

        var sales = await db.FlashSales.AsNoTracking().Where(s => s.SessionId == sessionId).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        var saleIds = sales.Select(s => s.Id).ToList();
        await FlashSaleClaimJournal.MaterializeAsync(db, saleIds, cancellationToken);
        var claims = await db.FlashSaleClaims.AsNoTracking()
            .Where(c => saleIds.Contains(c.SaleId) && c.Status != ClaimStatus.Expired)
            .Select(c => new { c.SaleId, c.Quantity, c.CreatedAt })
            .ToListAsync(cancellationToken);
        var priceOf = sales.ToDictionary(s => s.Id, s => s.Price);
        // Sales are priced in the SKU's currency, which is the seller's; a sale in another currency would not add up.
        var counted = claims.Where(c => sales.First(s => s.Id == c.SaleId).Currency == currency).ToList();

        var stats = await db.LiveRoomStats.AsNoTracking().FirstOrDefaultAsync(s => s.SessionId == sessionId, cancellationToken);
        var room = rooms.Find(sessionId);
        var likes = Math.Max(room?.Likes ?? 0, stats?.Likes ?? 0);
        var viewers = session.Status == LiveSessionStatus.Live ? room?.Viewers.Count ?? 0 : 0;
        var peak = Math.Max(room?.PeakViewers ?? 0, stats?.PeakViewers ?? 0);

        var perMinute = new List<MinuteFigures>();
        if (session.StartedAt is { } started)
        {
            var last = Minute(session.EndedAt is { } ended && ended < now ? ended : now);
            var first = Minute(started);
            if (last - first > TimeSpan.FromMinutes(ChartMinutes - 1)) first = last.AddMinutes(-(ChartMinutes - 1));
            var byMinute = counted.GroupBy(c => Minute(c.CreatedAt)).ToDictionary(g => g.Key, g => g.ToList());
            for (var minute = first; minute <= last; minute = minute.AddMinutes(1))
            {
                var inMinute = byMinute.GetValueOrDefault(minute) ?? [];
                perMinute.Add(new MinuteFigures(minute, inMinute.Count, inMinute.Sum(c => c.Quantity), Round(inMinute.Sum(c => c.Quantity * priceOf[c.SaleId]), currency)));
            }
        }

        var saleFigures = sales.Select(s =>
        {
            var shown = FlashSaleEndpoints.ToDto(s, now);
            var own = claims.Where(c => c.SaleId == s.Id).ToList();
            return new SaleFiguresDto(s.Id, s.Sku, s.Quantity, shown.Claimed, shown.Remaining, shown.Status, own.Count, shown.Price, s.EndsAt);
        }).ToList();

        return new SessionFiguresDto(session.Id, session.Status.ToString().ToLowerInvariant(), now, viewers, Math.Max(peak, viewers), likes,
            counted.Count, counted.Sum(c => c.Quantity), MoneyDto.From(counted.Sum(c => c.Quantity * priceOf[c.SaleId]), currency), perMinute, saleFigures);
    }

    private static DateTimeOffset Minute(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    private static decimal Round(decimal amount, string currency) => MoneyDto.From(amount, currency).Amount;
}

using LiveCross.Domain.Live;
using LiveCross.Domain.Markets;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Replays;

/// <summary>A product on the replay's timeline: where in the video it was pinned (and until when), with its title and price for the viewer.</summary>
public sealed record TimelineEntryDto(
    Guid ProductId, string Title, ImageDto? Image, MoneyDto? Price, bool Available, double OffsetSeconds, double? UntilSeconds, DateTimeOffset PinnedAt, string ProductUrl);

public sealed record ReplayDto(
    Guid SessionId, string Title, string Locale, string Market, string Seller, string VideoUrl, double DurationSeconds,
    DateTimeOffset RecordedAt, DateTimeOffset? EndedAt, string Source, IReadOnlyList<TimelineEntryDto> Timeline);

public sealed record ReplaySummaryDto(Guid SessionId, string Title, string Locale, string Seller, IReadOnlyList<string> Markets,
    DateTimeOffset RecordedAt, double DurationSeconds, int Products, string PageUrl);

public sealed record ReplayListing(string Market, IReadOnlyList<ReplaySummaryDto> Items);

/// <summary>Reads replays for viewers: the video, and the pins as offsets from the start of the recording.</summary>
public static class ReplayTimeline
{
    public const int MaxListed = 50;

    public static string PageUrl(Guid sessionId) => $"/live/{sessionId}/replay";

    /// <summary>The replay of a session in the Replay state, priced for <paramref name="market"/>; null when there is none.</summary>
    public static async Task<ReplayDto?> LoadAsync(LiveCrossDbContext db, CatalogQueries catalog, Guid sessionId, MarketDefinition market, string locale, CancellationToken cancellationToken)
    {
        var session = await db.LiveSessions.IgnoreQueryFilters().AsNoTracking().Include(s => s.Titles)
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.Status == LiveSessionStatus.Replay, cancellationToken);
        if (session is null) return null;
        var replay = await db.LiveReplays.AsNoTracking().FirstOrDefaultAsync(r => r.SessionId == sessionId && r.Status == ReplayStatus.Ready, cancellationToken);
        if (replay is not { VideoUrl: not null, DurationSeconds: { } duration }) return null;
        var pins = await db.LivePins.AsNoTracking().Where(p => p.SessionId == sessionId).OrderBy(p => p.PinnedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var seller = await db.Sellers.Where(s => s.Id == session.SellerId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken) ?? "";

        var products = new Dictionary<Guid, ProductDetail?>();
        var timeline = new List<TimelineEntryDto>();
        foreach (var pin in pins.Where(p => session.EndedAt is null || p.PinnedAt <= session.EndedAt))
        {
            if (!products.TryGetValue(pin.ProductId, out var product))
                products[pin.ProductId] = product = await catalog.GetAsync(pin.ProductId, market, locale, cancellationToken);
            var until = pin.UnpinnedAt is { } end ? Offset(end, replay.RecordingStartedAt, duration) : (double?)null;
            timeline.Add(new TimelineEntryDto(pin.ProductId, product?.Title ?? "", product is { Images.Count: > 0 } ? product.Images[0] : null, product?.Price, product is not null,
                Offset(pin.PinnedAt, replay.RecordingStartedAt, duration), until, pin.PinnedAt, $"/products/{pin.ProductId}"));
        }
        var title = Title(session, locale);
        return new ReplayDto(session.Id, title.Title, title.Locale, market.Code, seller, replay.VideoUrl, duration, replay.RecordingStartedAt, session.EndedAt,
            SellerLiveSessionDto.Name(replay.Source), timeline);
    }

    /// <summary>Seconds into the video: a pin before the recording began shows at its start, and none lies past its end.</summary>
    public static double Offset(DateTimeOffset at, DateTimeOffset recordingStart, double duration) =>
        Math.Round(Math.Clamp((at - recordingStart).TotalSeconds, 0, duration), 3);

    public static async Task<ReplayListing> ListAsync(LiveCrossDbContext db, MarketDefinition market, string locale, CancellationToken cancellationToken)
    {
        var rows = await db.LiveSessions.IgnoreQueryFilters().AsNoTracking().Include(s => s.Titles).Include(s => s.Markets).AsSplitQuery()
            .Where(s => s.Status == LiveSessionStatus.Replay && s.Markets.Any(m => m.MarketCode == market.Code))
            .Join(db.LiveReplays.Where(r => r.Status == ReplayStatus.Ready), s => s.Id, r => r.SessionId, (s, r) => new { Session = s, Replay = r })
            .OrderByDescending(x => x.Session.EndedAt).Take(MaxListed).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Session.Id).ToList();
        var sellerIds = rows.Select(r => r.Session.SellerId).Distinct().ToList();
        var sellers = await db.Sellers.Where(s => sellerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var pinCounts = await db.LivePins.Where(p => ids.Contains(p.SessionId)).GroupBy(p => p.SessionId)
            .Select(g => new { g.Key, Products = g.Select(p => p.ProductId).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Products, cancellationToken);
        return new ReplayListing(market.Code, rows.Select(r =>
        {
            var title = Title(r.Session, locale);
            return new ReplaySummaryDto(r.Session.Id, title.Title, title.Locale, sellers.GetValueOrDefault(r.Session.SellerId, ""),
                r.Session.Markets.Select(m => m.MarketCode).Order(StringComparer.Ordinal).ToList(), r.Replay.RecordingStartedAt, r.Replay.DurationSeconds ?? 0,
                pinCounts.GetValueOrDefault(r.Session.Id), PageUrl(r.Session.Id));
        }).ToList());
    }

    private static LiveSessionTitle Title(LiveSession session, string locale) =>
        LocaleFallback.Pick(session.Titles, t => t.Locale, locale, session.DefaultLocale) ?? session.Titles.First();
}

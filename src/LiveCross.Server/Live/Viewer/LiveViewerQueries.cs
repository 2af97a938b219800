using LiveCross.Domain.Live;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Viewer;

/// <summary>What the public live list and the viewer page read: sessions for a market, and one session with what to play.</summary>
public sealed class LiveViewerQueries(LiveCrossDbContext db, LivePlayback playback)
{
    public const int MaxListed = 30;

    public sealed record Listing(IReadOnlyList<PublicLiveSessionDto> Live, IReadOnlyList<PublicLiveSessionDto> Upcoming, IReadOnlyList<PublicLiveSessionDto> Replays);

    public async Task<Listing> ListAsync(string market, string locale, CancellationToken cancellationToken)
    {
        var query = db.LiveSessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.Markets.Any(m => m.MarketCode == market));
        var live = await Including(query.Where(s => s.Status == LiveSessionStatus.Live)).OrderByDescending(s => s.StartedAt).Take(MaxListed).ToListAsync(cancellationToken);
        var upcoming = await Including(query.Where(s => s.Status == LiveSessionStatus.Scheduled)).OrderBy(s => s.ScheduledStart).Take(MaxListed).ToListAsync(cancellationToken);
        var replays = await Including(query.Where(s => s.Status == LiveSessionStatus.Replay)).OrderByDescending(s => s.EndedAt).Take(MaxListed).ToListAsync(cancellationToken);
        var names = await NamesAsync([.. live, .. upcoming, .. replays], cancellationToken);
        return new Listing(live.Select(s => Public(s, locale, names)).ToList(), upcoming.Select(s => Public(s, locale, names)).ToList(),
            replays.Select(s => Public(s, locale, names)).ToList());
    }

    public async Task<PublicLiveSessionDto?> GetAsync(Guid id, string locale, CancellationToken cancellationToken)
    {
        var session = await Including(db.LiveSessions.IgnoreQueryFilters().AsNoTracking()).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return session is null ? null : Public(session, locale, await NamesAsync([session], cancellationToken));
    }

    private static IQueryable<LiveSession> Including(IQueryable<LiveSession> query) =>
        query.Include(s => s.Titles).Include(s => s.Markets).Include(s => s.Products).AsSplitQuery();

    private sealed record Names(Dictionary<Guid, string> Sellers, Dictionary<Guid, string> Hosts);

    private async Task<Names> NamesAsync(IReadOnlyCollection<LiveSession> sessions, CancellationToken cancellationToken)
    {
        var sellerIds = sessions.Select(s => s.SellerId).Distinct().ToList();
        var hostIds = sessions.Select(s => s.HostAccountId).Distinct().ToList();
        var sellers = await db.Sellers.Where(s => sellerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        // Only a host's display name is public, never the e-mail address.
        var hosts = await db.Users.Where(u => hostIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? "Host", cancellationToken);
        return new Names(sellers, hosts);
    }

    private PublicLiveSessionDto Public(LiveSession s, string locale, Names names) =>
        LivePlayback.ToPublic(s, locale, new LiveSellerDto(s.SellerId, names.Sellers.GetValueOrDefault(s.SellerId, "")),
            names.Hosts.GetValueOrDefault(s.HostAccountId, "Host"), playback.For(s));
}

using LiveCross.Domain.Live;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Sessions;

/// <summary>What viewers see: sessions live now and coming up, per market, and one session with what to play.</summary>
public static class PublicLiveSessionEndpoints
{
    private const int MaxListed = 50;

    public static IEndpointRouteBuilder MapPublicLiveSessions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/live-sessions").WithTags("Live sessions").AllowAnonymous();
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        return app;
    }

    private static async Task<Results<Ok<LiveSessionListing>, ValidationProblem>> List(
        string? market, string? locale, LiveCrossDbContext db, MarketRegistry markets, LivePlayback playback, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        string? code = null;
        if (market is not null)
        {
            if (markets.TryGet(market, out var definition)) code = definition.Code;
            else errors.Add("market", $"There is no market '{market}'.");
        }
        errors.Require(locale is null || ShopperContext.IsCulture(locale), "locale", "A known locale such as en or zh-Hans is required.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var query = db.LiveSessions.AsNoTracking();
        if (code is not null) query = query.Where(s => s.Markets.Any(m => m.MarketCode == code));
        var live = await Including(query.Where(s => s.Status == LiveSessionStatus.Live)).OrderByDescending(s => s.StartedAt).Take(MaxListed).ToListAsync(cancellationToken);
        var upcoming = await Including(query.Where(s => s.Status == LiveSessionStatus.Scheduled)).OrderBy(s => s.ScheduledStart).Take(MaxListed).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, [.. live, .. upcoming], cancellationToken);
        return TypedResults.Ok(new LiveSessionListing(code,
            live.Select(s => ToPublic(s, locale, names, playback)).ToList(),
            upcoming.Select(s => ToPublic(s, locale, names, playback)).ToList()));
    }

    private static async Task<Results<Ok<PublicLiveSessionDto>, NotFound, ValidationProblem>> Get(
        Guid id, string? locale, LiveCrossDbContext db, LivePlayback playback, CancellationToken cancellationToken)
    {
        if (locale is not null && !ShopperContext.IsCulture(locale))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["locale"] = ["A known locale such as en or zh-Hans is required."] });
        var session = await Including(db.LiveSessions.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null) return TypedResults.NotFound();
        return TypedResults.Ok(ToPublic(session, locale, await NamesAsync(db, [session], cancellationToken), playback));
    }

    private static IQueryable<LiveSession> Including(IQueryable<LiveSession> query) =>
        query.Include(s => s.Titles).Include(s => s.Markets).Include(s => s.Products).AsSplitQuery();

    private sealed record Names(Dictionary<Guid, string> Sellers, Dictionary<Guid, string> Hosts);

    private static async Task<Names> NamesAsync(LiveCrossDbContext db, IReadOnlyCollection<LiveSession> sessions, CancellationToken cancellationToken)
    {
        var sellerIds = sessions.Select(s => s.SellerId).Distinct().ToList();
        var hostIds = sessions.Select(s => s.HostAccountId).Distinct().ToList();
        var sellers = await db.Sellers.Where(s => sellerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        // Only the host's display name is public; an account without one is shown as "Host", never by its e-mail.
        var hosts = await db.Users.Where(u => hostIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? "Host", cancellationToken);
        return new Names(sellers, hosts);
    }

    private static PublicLiveSessionDto ToPublic(LiveSession s, string? locale, Names names, LivePlayback playback) =>
        LivePlayback.ToPublic(s, locale, new LiveSellerDto(s.SellerId, names.Sellers.GetValueOrDefault(s.SellerId, "")),
            names.Hosts.GetValueOrDefault(s.HostAccountId, "Host"), playback.For(s));
}

using LiveCross.Domain.Live;
using LiveCross.Domain.Recommendations;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Recommendations;
using LiveCross.Server.Videos;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Feed;

/// <summary>
/// What the feed may show, for the recommender: published videos in their target markets, live sessions on air or
/// starting within <see cref="UpcomingWindow"/>, and active products in every market that does not block them. A video
/// or session takes the category most of its products have, so "similar" and cold-start tastes reach across kinds.
/// </summary>
public sealed class PlatformCatalogue(IServiceScopeFactory scopes, MarketRegistry markets, TimeProvider clock) : ICatalogueSource
{
    public static readonly TimeSpan UpcomingWindow = TimeSpan.FromDays(7);

    public async Task<IReadOnlyList<CatalogItem>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var allMarkets = markets.All.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);

        var products = await db.Products.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Status == ProductStatus.Active && p.Variants.Any())
            .Select(p => new { p.Id, p.Category, p.CreatedAt, Blocked = p.MarketRules.Where(r => r.Blocked).Select(r => r.MarketCode).ToList() })
            .ToListAsync(cancellationToken);
        var categoryOf = products.ToDictionary(p => p.Id, p => p.Category);
        var items = products.Select(p => new CatalogItem(p.Id.ToString(), ItemKind.Product, p.Category,
            allMarkets.Except(p.Blocked, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal), p.CreatedAt)).ToList();

        // Two collections each: split queries, not one join of every market with every tag.
        var videos = await db.Videos.IgnoreQueryFilters().AsNoTracking().AsSplitQuery().Where(v => v.Status == VideoStatus.Published)
            .Select(v => new { v.Id, v.CreatedAt, v.PublishedAt, Markets = v.Markets.Select(m => m.MarketCode).ToList(), Products = v.Tags.Select(t => t.ProductId).ToList() })
            .ToListAsync(cancellationToken);
        items.AddRange(videos.Select(v => new CatalogItem(v.Id.ToString(), ItemKind.Video, Category(v.Products, categoryOf, "video"),
            v.Markets.ToHashSet(StringComparer.Ordinal), v.PublishedAt ?? v.CreatedAt)));

        var horizon = clock.GetUtcNow() + UpcomingWindow;
        var sessions = await db.LiveSessions.IgnoreQueryFilters().AsNoTracking().AsSplitQuery()
            .Where(s => s.Status == LiveSessionStatus.Live || s.Status == LiveSessionStatus.Scheduled)
            .Select(s => new { s.Id, s.Status, s.ScheduledStart, s.CreatedAt, Markets = s.Markets.Select(m => m.MarketCode).ToList(), Products = s.Products.Select(p => p.ProductId).ToList() })
            .ToListAsync(cancellationToken);
        items.AddRange(sessions.Where(s => s.Status == LiveSessionStatus.Live || s.ScheduledStart <= horizon).Select(s => new CatalogItem(
            s.Id.ToString(), ItemKind.Live, Category(s.Products, categoryOf, "live"), s.Markets.ToHashSet(StringComparer.Ordinal), s.CreatedAt,
            LiveNow: s.Status == LiveSessionStatus.Live, LiveStartsAt: s.ScheduledStart)));
        return items;
    }

    private static string Category(List<Guid> products, Dictionary<Guid, string> categoryOf, string otherwise) =>
        products.Select(p => categoryOf.GetValueOrDefault(p)).OfType<string>().GroupBy(c => c, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault() ?? otherwise;
}

using System.Globalization;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Recommendations;
using LiveCross.Server.Recommendations;

namespace LiveCross.Server.Feed;

/// <summary>
/// Pages of a shopper's feed from the served recommendation model. Page n is entries n·size … (n+1)·size of one ranked
/// list per shopper, market and model, kept in memory for <see cref="FeedRankings.Lifetime"/>, so paging on shows no entry
/// twice; the cursor is the next page's number. A retrain in between starts a fresh ranking, and the page asked for is
/// taken from it.
/// </summary>
public sealed class FeedService(ServedRecommendations served, FeedComposer composer, FeedRankings rankings, TimeProvider clock)
{
    public const int PageSize = 8;
    public const int MaxPages = (RecommendationModel.MaxCount + PageSize - 1) / PageSize;
    public const int SimilarCount = 8;

    public async Task<FeedPageDto> PageAsync(FeedViewer viewer, MarketDefinition market, string locale, string? cursor, CancellationToken cancellationToken)
    {
        var page = cursor is null ? 0 : ParseCursor(cursor) ?? throw new ArgumentException("Not a feed cursor.", nameof(cursor));
        var model = served.Current;
        var ranked = rankings.GetOrRank((model, viewer.Key, market.Code),
            () => model.Recommend(new FeedRequest(viewer.Key, market.Code, RecommendationModel.MaxCount, clock.GetUtcNow())));
        var entries = await composer.ComposeAsync(ranked.Skip(page * PageSize).Take(PageSize), market, locale, viewer.UserId, cancellationToken);
        var more = ranked.Count > (page + 1) * PageSize;
        return new FeedPageDto(market.Code, locale, entries, more ? (page + 1).ToString(CultureInfo.InvariantCulture) : null, model.TrainedAt);
    }

    public async Task<SimilarItemsDto> SimilarAsync(Guid itemId, MarketDefinition market, string locale, Guid? viewer, CancellationToken cancellationToken)
    {
        var similar = served.Current.SimilarItems(itemId.ToString(), market.Code, SimilarCount, clock.GetUtcNow());
        return new SimilarItemsDto(market.Code, itemId, await composer.ComposeAsync(similar, market, locale, viewer, cancellationToken));
    }

    /// <summary>The page number a cursor names, or null when it is not one this service made.</summary>
    public static int? ParseCursor(string cursor) =>
        cursor.Length <= 3 && int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is > 0 and < MaxPages ? page : null;
}

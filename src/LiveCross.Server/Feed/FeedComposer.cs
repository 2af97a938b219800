using LiveCross.Domain.Markets;
using LiveCross.Domain.Recommendations;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Live.Viewer;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Videos;

namespace LiveCross.Server.Feed;

/// <summary>
/// Turns recommendations (item keys) into feed entries with what a card shows: a video's renditions and priced tags, a
/// live session's state, a product's price and landed price for the viewer's market. An item that went away since the
/// model was trained (unpublished video, ended session, withdrawn product) is left out.
/// </summary>
public sealed class FeedComposer(LiveCrossDbContext db, ProductCards cards, LiveViewerQueries live)
{
    public async Task<List<FeedEntry>> ComposeAsync(
        IEnumerable<Recommendation> recommendations, MarketDefinition market, string locale, Guid? viewer, CancellationToken cancellationToken)
    {
        var entries = new List<FeedEntry>();
        foreach (var recommendation in recommendations)
        {
            if (!Guid.TryParse(recommendation.ItemKey, out var id)) continue;
            var reason = Reason(recommendation.Source);
            var entry = recommendation.Kind switch
            {
                ItemKind.Video => await VideoAsync(id, market, locale, viewer, reason, cancellationToken),
                ItemKind.Live => await LiveAsync(id, market, locale, reason, cancellationToken),
                ItemKind.Product => await ProductAsync(id, market, reason),
                _ => null,
            };
            if (entry is not null) entries.Add(entry);
        }
        return entries;
    }

    public static string Reason(RecommendationSource source) => source switch
    {
        RecommendationSource.Popular => "popular",
        RecommendationSource.CoOccurrence => "co_occurrence",
        RecommendationSource.Als => "als",
        RecommendationSource.Live => "live",
        RecommendationSource.NewItem => "new_item",
        _ => "exploration",
    };

    private async Task<FeedEntry?> VideoAsync(Guid id, MarketDefinition market, string locale, Guid? viewer, string reason, CancellationToken cancellationToken)
    {
        var video = await VideoViews.LoadAsync(db, cards, id, market, locale, viewer, cancellationToken);
        if (video is null) return null;
        return new FeedEntry("video", video.Id, video.Title, video.PageUrl, reason,
            new FeedVideo(video.DurationSeconds, video.PosterUrl, video.PreviewUrl, video.Renditions, video.Creator ?? video.Seller, video.Likes, video.Tags), null, null);
    }

    private async Task<FeedEntry?> LiveAsync(Guid id, MarketDefinition market, string locale, string reason, CancellationToken cancellationToken)
    {
        var session = await live.GetAsync(id, locale, cancellationToken);
        if (session is null || !session.Markets.Contains(market.Code) || session.Status is not ("live" or "scheduled")) return null;
        return new FeedEntry("live", session.Id, session.Title, $"/live/{session.Id}", reason, null,
            new FeedLive(session.Status, session.ScheduledStart, session.StartedAt, session.Seller.Name, session.Host), null);
    }

    private async Task<FeedEntry?> ProductAsync(Guid id, MarketDefinition market, string reason)
    {
        var card = await cards.GetAsync(id, market.Code);
        if (!card.Available) return null;
        return new FeedEntry("product", id, card.Title, card.BuyUrl, reason, null, null, new FeedProduct(card.Available, card.Image, card.Price, card.Landed));
    }
}

using LiveCross.Server.Catalog;
using LiveCross.Server.Videos;

namespace LiveCross.Server.Feed;

/// <summary>What a video card of the feed needs: renditions to play, poster, and its tags priced for the viewer's market.</summary>
public sealed record FeedVideo(
    double DurationSeconds, string? PosterUrl, string? PreviewUrl, IReadOnlyList<VideoFileDto> Renditions, string Seller, long Likes, IReadOnlyList<VideoTagCard> Tags);

/// <summary>What a live-session card needs: on air now or when it starts.</summary>
public sealed record FeedLive(string Status, DateTimeOffset ScheduledStart, DateTimeOffset? StartedAt, string Seller, string Host);

/// <summary>What a product card needs: price and landed price in the viewer's market.</summary>
public sealed record FeedProduct(bool Available, ImageDto? Image, MoneyDto? Price, MoneyDto? Landed);

/// <summary>
/// One entry of the feed. <see cref="Kind"/> is <c>video</c>, <c>live</c> or <c>product</c>, and the matching part is set;
/// <see cref="Reason"/> says which source put it there (popular, co_occurrence, als, live, new_item, exploration).
/// </summary>
public sealed record FeedEntry(string Kind, Guid Id, string Title, string Url, string Reason, FeedVideo? Video, FeedLive? Live, FeedProduct? Product);

/// <summary>A page of the feed; <see cref="NextCursor"/> asks for the page after it (null at the end).</summary>
public sealed record FeedPageDto(string Market, string Locale, IReadOnlyList<FeedEntry> Entries, string? NextCursor, DateTimeOffset ModelTrainedAt);

/// <summary>Items like a given one ("viewers of this also watched/bought"), as feed entries.</summary>
public sealed record SimilarItemsDto(string Market, Guid ItemId, IReadOnlyList<FeedEntry> Items);

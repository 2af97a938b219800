using System.Security.Claims;
using LiveCross.Domain.Markets;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Videos;

public sealed record VideoTextDto(string Locale, string Title, string? Description);

public sealed record VideoTagDto(Guid Id, Guid ProductId, double StartSecond, double EndSecond);

public sealed record VideoFileDto(string Name, string Url, string ContentType, int Width, int Height, long Bytes);

public sealed record SellerVideoDto(
    Guid Id, string Status, string Job, int Progress, string? LastError, int Attempts, double DurationSeconds, int Width, int Height, string DefaultLocale,
    IReadOnlyList<VideoTextDto> Texts, IReadOnlyList<string> Markets, IReadOnlyList<VideoTagDto> Tags, IReadOnlyList<string> Captions,
    IReadOnlyList<VideoFileDto> Files, long Likes, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, Guid Version, string PageUrl)
{
    public static SellerVideoDto From(Video v) => new(
        v.Id, Name(v.Status), Name(v.Job), v.Progress, v.LastError, v.Attempts, v.DurationSeconds, v.Width, v.Height, v.DefaultLocale,
        v.Texts.OrderBy(t => t.Locale, StringComparer.Ordinal).Select(t => new VideoTextDto(t.Locale, t.Title, t.Description)).ToList(),
        v.Markets.Select(m => m.MarketCode).Order(StringComparer.Ordinal).ToList(),
        v.Tags.OrderBy(t => t.StartSecond).ThenBy(t => t.Id).Select(t => new VideoTagDto(t.Id, t.ProductId, t.StartSecond, t.EndSecond)).ToList(),
        v.Captions.Select(c => c.Locale).Order(StringComparer.Ordinal).ToList(),
        v.Renditions.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => VideoViews.File(v.Id, r)).ToList(),
        v.Likes, v.CreatedAt, v.PublishedAt, v.Version, VideoRules.PageUrl(v.Id));

    public static string Name(VideoStatus status) => status.ToString().ToLowerInvariant();

    public static string Name(TranscodeState state) => state.ToString().ToLowerInvariant();
}

public sealed record SellerVideoList(int Total, IReadOnlyList<SellerVideoDto> Items);

/// <summary>A product tagged on the video, as the viewer's market sees it: price and landed price (duty, tax and cheapest shipping) as the live pinned card shows them.</summary>
public sealed record VideoTagCard(Guid ProductId, double StartSecond, double EndSecond, bool Available, string Title, ImageDto? Image, MoneyDto? Price, MoneyDto? Landed, string ProductUrl);

public sealed record VideoCaptionDto(string Locale, string Url);

public sealed record VideoDto(
    Guid Id, string Title, string? Description, string Locale, string Market, string Seller, double DurationSeconds,
    IReadOnlyList<VideoFileDto> Renditions, string? PosterUrl, string? PreviewUrl, IReadOnlyList<VideoCaptionDto> Captions,
    IReadOnlyList<VideoTagCard> Tags, long Likes, bool LikedByMe, DateTimeOffset PublishedAt, string PageUrl, string ShareUrl, string? Creator);

public sealed record VideoSummaryDto(Guid Id, string Title, string Locale, string Seller, double DurationSeconds, string? PosterUrl, string? PreviewUrl,
    IReadOnlyList<string> Markets, int Tags, long Likes, DateTimeOffset PublishedAt, string PageUrl, string? Creator);

public sealed record VideoListing(string Market, IReadOnlyList<VideoSummaryDto> Items);

public sealed record VideoCommentDto(Guid Id, string Author, string Text, DateTimeOffset At);

/// <summary>Reads published videos for viewers.</summary>
public static class VideoViews
{
    public const int MaxListed = 100;

    public static VideoFileDto File(Guid videoId, VideoRendition r) => new(r.Name, VideoRules.FileUrl(videoId, Path.GetFileName(r.Key)), r.ContentType, r.Width, r.Height, r.Bytes);

    public static IQueryable<Video> Published(LiveCrossDbContext db) =>
        db.Videos.IgnoreQueryFilters().Where(v => v.Status == VideoStatus.Published);

    /// <summary>
    /// <see cref="LoadAsync"/> for a signed-in or anonymous <paramref name="viewer"/> whose roles are known: a creator's
    /// share link carries their id (<see cref="VideoRules.ShareUrl"/>).
    /// </summary>
    public static async Task<VideoDto?> LoadForAsync(
        LiveCrossDbContext db, Feed.ProductCards cards, Guid id, MarketDefinition market, string locale, ClaimsPrincipal viewer, CancellationToken cancellationToken) =>
        await LoadAsync(db, cards, id, market, locale, viewer.UserId(), cancellationToken) is { } video
            ? video with { ShareUrl = VideoRules.ShareUrl(id, viewer) }
            : null;

    /// <summary>
    /// A published video with its tags priced for <paramref name="market"/>; null when it is unknown or not published. Its
    /// share link is the plain page (callers that know the viewer's roles use <see cref="LoadForAsync"/>).
    /// </summary>
    public static async Task<VideoDto?> LoadAsync(
        LiveCrossDbContext db, Feed.ProductCards cards, Guid id, MarketDefinition market, string locale, Guid? viewer, CancellationToken cancellationToken)
    {
        var video = await Published(db).AsNoTracking().Include(v => v.Texts).Include(v => v.Tags).Include(v => v.Renditions).Include(v => v.Captions).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video is null) return null;
        var seller = await db.Sellers.Where(s => s.Id == video.SellerId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var creator = video.CreatorId is null ? null : await db.Users.Where(u => u.Id == video.CreatorId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var text = Text(video, locale);
        var tags = new List<VideoTagCard>();
        var computed = new Dictionary<Guid, PinnedCard>();
        foreach (var tag in video.Tags.OrderBy(t => t.StartSecond).ThenBy(t => t.Id))
        {
            if (!computed.TryGetValue(tag.ProductId, out var card)) computed[tag.ProductId] = card = await cards.GetAsync(tag.ProductId, market.Code);
            tags.Add(new VideoTagCard(tag.ProductId, tag.StartSecond, tag.EndSecond, card.Available, card.Title, card.Image, card.Price, card.Landed, card.BuyUrl));
        }
        var liked = viewer is { } user && await db.VideoLikes.AnyAsync(l => l.VideoId == id && l.UserId == user, cancellationToken);
        var videos = video.Renditions.Where(r => r.Name.EndsWith('p')).OrderByDescending(r => r.Height).Select(r => File(id, r)).ToList();
        var poster = video.Renditions.FirstOrDefault(r => r.Name == "poster");
        var preview = video.Renditions.FirstOrDefault(r => r.Name == "preview");
        return new VideoDto(video.Id, text?.Title ?? "", text?.Description, text?.Locale ?? video.DefaultLocale, market.Code, seller, video.DurationSeconds, videos,
            poster is null ? null : File(id, poster).Url, preview is null ? null : File(id, preview).Url,
            video.Captions.OrderBy(c => c.Locale, StringComparer.Ordinal).Select(c => new VideoCaptionDto(c.Locale, VideoRules.FileUrl(id, Path.GetFileName(c.Key)))).ToList(),
            tags, video.Likes, liked, video.PublishedAt ?? video.CreatedAt, VideoRules.PageUrl(id), VideoRules.PageUrl(id), creator);
    }

    /// <summary>Published videos meant for <paramref name="market"/>, newest first: what the feed draws from.</summary>
    public static async Task<VideoListing> ListAsync(LiveCrossDbContext db, MarketDefinition market, string locale, CancellationToken cancellationToken)
    {
        var videos = await Published(db).AsNoTracking().Include(v => v.Texts).Include(v => v.Markets).Include(v => v.Renditions).AsSplitQuery()
            .Where(v => v.Markets.Any(m => m.MarketCode == market.Code))
            .OrderByDescending(v => v.PublishedAt).ThenBy(v => v.Id).Take(MaxListed).ToListAsync(cancellationToken);
        var ids = videos.Select(v => v.Id).ToList();
        var tagCounts = await db.Set<VideoTag>().Where(t => ids.Contains(t.VideoId)).GroupBy(t => t.VideoId)
            .Select(g => new { VideoId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.VideoId, g => g.Count, cancellationToken);
        var sellerIds = videos.Select(v => v.SellerId).OfType<Guid>().Distinct().ToList();
        var sellers = await db.Sellers.Where(s => sellerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var creatorIds = videos.Select(v => v.CreatorId).OfType<Guid>().Distinct().ToList();
        var creators = await db.Users.Where(u => creatorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return new VideoListing(market.Code, videos.Select(v =>
        {
            var text = Text(v, locale);
            var poster = v.Renditions.FirstOrDefault(r => r.Name == "poster");
            var preview = v.Renditions.FirstOrDefault(r => r.Name == "preview");
            return new VideoSummaryDto(v.Id, text?.Title ?? "", text?.Locale ?? v.DefaultLocale, v.SellerId is { } sellerId ? sellers.GetValueOrDefault(sellerId, "") : "", v.DurationSeconds,
                poster is null ? null : File(v.Id, poster).Url, preview is null ? null : File(v.Id, preview).Url,
                v.Markets.Select(m => m.MarketCode).Order(StringComparer.Ordinal).ToList(), tagCounts.GetValueOrDefault(v.Id), v.Likes, v.PublishedAt ?? v.CreatedAt, VideoRules.PageUrl(v.Id),
                v.CreatorId is { } creatorId ? creators.GetValueOrDefault(creatorId) : null);
        }).ToList());
    }

    /// <summary>The newest comments of a video, as its page and the comments endpoint show them.</summary>
    public static async Task<List<VideoCommentDto>> CommentsAsync(LiveCrossDbContext db, Guid videoId, CancellationToken cancellationToken) =>
        await db.VideoComments.AsNoTracking().Where(c => c.VideoId == videoId).OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Take(VideoRules.MaxCommentsShown).Select(c => new VideoCommentDto(c.Id, c.Author, c.Text, c.At)).ToListAsync(cancellationToken);

    public static VideoText? Text(Video video, string locale) =>
        LocaleFallback.Pick(video.Texts, t => t.Locale, locale, video.DefaultLocale) ?? video.Texts.FirstOrDefault();
}

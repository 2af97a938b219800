using System.Security.Claims;
using System.Threading.RateLimiting;
using LiveCross.Domain.Markets;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LiveCross.Server.Videos;

public sealed record CommentInput(string? Text);

public sealed record LikeDto(long Likes, bool Liked);

/// <summary>
/// Limits comments per account with the live chat's rate (Rooms:ChatBurst per Rooms:ChatPeriod), across all videos.
/// </summary>
public sealed class VideoCommentLimiter(IOptions<RoomOptions> options) : IDisposable
{
    public PartitionedRateLimiter<Guid> Limiter { get; } = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
    {
        TokenLimit = options.Value.ChatBurst,
        TokensPerPeriod = options.Value.ChatPerPeriod,
        ReplenishmentPeriod = options.Value.ChatPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    }));

    public void Dispose() => Limiter.Dispose();
}

/// <summary>Published videos for viewers: the list a market's feed draws from, one video with its tag cards, its files (with ranges), likes and comments.</summary>
public static class PublicVideoEndpoints
{
    public const string Path = "/api/v1/videos";

    public static IEndpointRouteBuilder MapPublicVideos(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup(Path).WithTags("Videos");
        videos.MapGet("/", List).AllowAnonymous().WithDescription("Published videos for a market's viewers, newest first (?market=&locale=).");
        videos.MapGet("/{id:guid}", Get).AllowAnonymous()
            .WithDescription("A published video: title for ?locale=, renditions, poster, preview, captions, and product tags with price and landed price for ?market=.");
        videos.MapGet("/{id:guid}/files/{name}", File).AllowAnonymous()
            .WithDescription("A rendition, poster, preview or caption file; honours Range (206) so players can seek.");
        videos.MapPost("/{id:guid}/likes", Like).RequireAuthorization().WithDescription("Likes the video (once per account); answers the count.");
        videos.MapGet("/{id:guid}/comments", Comments).AllowAnonymous();
        videos.MapPost("/{id:guid}/comments", Comment).RequireAuthorization()
            .WithDescription("Adds a comment under the live chat's rules: neutralised text, banned words refused, length and rate limits.");
        return app;
    }

    private static async Task<IResult> List(string? market, string? locale, LiveCrossDbContext db, ShopperContext shopper, CancellationToken cancellationToken)
    {
        var (m, l) = shopper.Asked(market, locale);
        return TypedResults.Ok(await VideoViews.ListAsync(db, m, l, cancellationToken));
    }

    private static async Task<IResult> Get(
        Guid id, string? market, string? locale, ClaimsPrincipal user, LiveCrossDbContext db, Feed.ProductCards cards, ShopperContext shopper, CancellationToken cancellationToken)
    {
        var (m, l) = shopper.Asked(market, locale);
        return TypedResults.Ok(await VideoViews.LoadForAsync(db, cards, id, m, l, user, cancellationToken) ?? throw NotFound(id));
    }

    private static async Task File(Guid id, string name, HttpContext http, LiveCrossDbContext db, IVideoStore store, CancellationToken cancellationToken)
    {
        var video = await db.Videos.IgnoreQueryFilters().AsNoTracking().Include(v => v.Renditions).Include(v => v.Captions).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        // Viewers get files of published videos; the owner (seller's staff or creator) also of their own unpublished ones (the console shows them).
        if (video is null || (video.Status != VideoStatus.Published && !VideoOwner.Owns(http.User, video))) throw NotFound(id);
        var file = video.Renditions.Select(r => (r.Key, r.ContentType)).Concat(video.Captions.Select(c => (c.Key, ContentType: "text/vtt; charset=utf-8")))
            .FirstOrDefault(f => System.IO.Path.GetFileName(f.Key) == name);
        if (file.Key is null) throw new ProblemException(StatusCodes.Status404NotFound, "No such file.", $"Video {id} has no file '{name}'.");
        await ServeAsync(http, store, file.Key, file.ContentType, cancellationToken);
    }

    /// <summary>The whole file (200) or the one byte range asked for (206), from either store; an unsatisfiable range is 416.</summary>
    public static async Task ServeAsync(HttpContext http, IVideoStore store, string key, string contentType, CancellationToken cancellationToken)
    {
        var size = await store.SizeAsync(key, cancellationToken) ?? throw new ProblemException(StatusCodes.Status404NotFound, "No such file.", "The file is missing from the store.");
        var response = http.Response;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.CacheControl = "public, max-age=3600";
        long offset = 0, length = size;
        var ranged = false;
        if (RangeHeaderValue.TryParse(http.Request.Headers.Range.ToString(), out var range) && range.Unit == "bytes" && range.Ranges.Count == 1)
        {
            var r = range.Ranges.First();
            if (r.From is { } from)
            {
                offset = from;
                length = Math.Min(r.To ?? size - 1, size - 1) - from + 1;
            }
            else if (r.To is { } suffix)
            {
                length = Math.Min(suffix, size);
                offset = size - length;
            }
            if (offset >= size || length <= 0)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{size}";
                return;
            }
            ranged = true;
        }
        await using var read = await store.OpenReadAsync(key, offset, length, cancellationToken, knownSize: size)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, "No such file.", "The file is missing from the store.");
        response.StatusCode = ranged ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        if (ranged) response.Headers.ContentRange = $"bytes {read.Offset}-{read.Offset + read.Length - 1}/{read.TotalLength}";
        response.ContentType = contentType;
        response.ContentLength = read.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await read.Content.CopyToAsync(response.Body, cancellationToken);
    }

    private static async Task<IResult> Like(Guid id, ClaimsPrincipal user, LiveCrossDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await VideoViews.Published(db).AnyAsync(v => v.Id == id, cancellationToken)) throw NotFound(id);
        var userId = user.UserId()!.Value;
        var liked = await db.VideoLikes.AnyAsync(l => l.VideoId == id && l.UserId == userId, cancellationToken);
        if (!liked)
        {
            db.VideoLikes.Add(new VideoLike { VideoId = id, UserId = userId, At = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await db.Videos.IgnoreQueryFilters().Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Likes, v => v.Likes + 1), cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same account's other request liked it a moment ago; one like stands.
            }
        }
        var likes = await db.Videos.IgnoreQueryFilters().Where(v => v.Id == id).Select(v => v.Likes).FirstAsync(cancellationToken);
        return TypedResults.Ok(new LikeDto(likes, true));
    }

    private static async Task<IResult> Comments(Guid id, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        if (!await VideoViews.Published(db).AnyAsync(v => v.Id == id, cancellationToken)) throw NotFound(id);
        return TypedResults.Ok(await VideoViews.CommentsAsync(db, id, cancellationToken));
    }

    private static async Task<IResult> Comment(
        Guid id, CommentInput input, ClaimsPrincipal user, LiveCrossDbContext db, BannedWords banned, VideoCommentLimiter limiter, IOptions<RoomOptions> rooms,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var text = input.Text is null ? "" : ChatText.Neutralise(input.Text);
        if (text.Length == 0) throw ProblemException.Invalid("text", "Write something first.");
        if (text.Length > rooms.Value.MaxChatLength) throw ProblemException.Invalid("text", $"At most {rooms.Value.MaxChatLength} characters.");
        if (banned.Matches(text)) throw ProblemException.Invalid("text", "The comment contains a word that is not allowed.");
        if (!await VideoViews.Published(db).AnyAsync(v => v.Id == id, cancellationToken)) throw NotFound(id);
        var userId = user.UserId()!.Value;
        using var lease = limiter.Limiter.AttemptAcquire(userId);
        if (!lease.IsAcquired) throw new ProblemException(StatusCodes.Status429TooManyRequests, "Too many comments.", "Wait a moment before commenting again.");
        var author = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var comment = new VideoComment { VideoId = id, UserId = userId, Author = string.IsNullOrWhiteSpace(author) ? "Viewer" : author, Text = text, At = clock.GetUtcNow() };
        db.VideoComments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{Path}/{id}/comments", new VideoCommentDto(comment.Id, comment.Author, comment.Text, comment.At));
    }

    private static ProblemException NotFound(Guid id) => new(StatusCodes.Status404NotFound, "No such video.", $"Video {id} does not exist or is not published.");
}

using System.Security.Claims;
using System.Text;
using LiveCross.Domain.Videos;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LiveCross.Server.Videos;

public sealed record StartUploadInput(string? FileName, long? TotalBytes);

public sealed record UploadDto(Guid Id, string FileName, long TotalBytes, long ReceivedBytes, string Url);

public sealed record FinishUploadInput(string? Title, string? Locale);

public sealed record VideoTextInput(string? Locale, string? Title, string? Description);

public sealed record VideoDetailsInput(string? DefaultLocale, IReadOnlyList<VideoTextInput?>? Texts, IReadOnlyList<string?>? Markets);

public sealed record VideoTagInput(Guid? ProductId, double? StartSecond, double? EndSecond);

public sealed record VideoTagsInput(IReadOnlyList<VideoTagInput?>? Tags);

/// <summary>
/// The video console of sellers (here) and creators (<see cref="CreatorVideoEndpoints"/>, same handlers): a chunked,
/// resumable upload (create with the total size, PUT chunks with Content-Range, GET how much arrived to resume, finish),
/// then titles, markets, product tags, captions, publish and hide. Every query goes through the request's
/// <see cref="VideoOwner"/>, so another seller's or creator's video or upload is not found.
/// </summary>
public static class SellerVideoEndpoints
{
    public const string Path = "/api/v1/seller/videos";

    private static readonly HashSet<string> SourceExtensions = new(StringComparer.OrdinalIgnoreCase) { ".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi" };

    public static IEndpointRouteBuilder MapSellerVideos(this IEndpointRouteBuilder app)
    {
        var seller = app.MapGroup(Path).WithTags("Seller videos").RequireAuthorization(Policies.SellerStaff).WithMetadata(VideoConsole.Sellers);
        MapConsole(seller, "Replaces the product tags on the timeline: each a product of this seller with start and end second within the video.");
        return app;
    }

    /// <summary>
    /// The video console's routes on a sellers' or creators' group (its <see cref="VideoConsole"/> metadata decides whose
    /// videos the handlers see); only the tag rule differs, so only its description is given.
    /// </summary>
    internal static void MapConsole(RouteGroupBuilder console, string tagsDescription)
    {
        console.MapGet("/", List);
        console.MapGet("/{id:guid}", Get).WithDescription("A video with its transcode progress (percent), then ready or failed with the reason.");
        console.MapPut("/{id:guid}", UpdateDetails).WithDescription("Titles and descriptions per locale, the default locale and the target markets.");
        console.MapPut("/{id:guid}/tags", UpdateTags).WithDescription(tagsDescription);
        console.MapPut("/{id:guid}/captions/{locale}", PutCaptions).WithDescription("Stores a WebVTT caption file (text/vtt body) for a locale.");
        console.MapPost("/{id:guid}/publish", Publish).WithDescription("Shows a ready (transcoded) video to viewers.");
        console.MapPost("/{id:guid}/hide", Hide).WithDescription("Takes a published video down; viewers get 404.");
        VideoRemoval.MapVideoRemoval(console);
        console.MapPost("/uploads", StartUpload).WithDescription("Starts a chunked upload of totalBytes; answers its id and URL.");
        console.MapGet("/uploads/{id:guid}", GetUpload).WithDescription("How many bytes arrived, so a client resumes from there.");
        console.MapPut("/uploads/{id:guid}", PutChunk).WithDescription("One chunk, raw bytes, with Content-Range: bytes start-end/total; start must be the bytes received so far.");
        console.MapPost("/uploads/{id:guid}/finish", FinishUpload)
            .WithDescription("Checks the whole file with ffprobe (container, codecs, duration, size) and makes a video that is transcoded in the background; a bad file is refused and removed.");
    }

    internal static async Task<IResult> List(VideoOwner owner, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var videos = await Including(owner.Videos(db).AsNoTracking()).OrderByDescending(v => v.CreatedAt).ThenBy(v => v.Id).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SellerVideoList(await owner.Videos(db).CountAsync(cancellationToken), videos.Select(SellerVideoDto.From).ToList()));
    }

    internal static async Task<IResult> Get(Guid id, VideoOwner owner, LiveCrossDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(SellerVideoDto.From(await FindAsync(owner, db, id, cancellationToken)));

    internal static async Task<IResult> UpdateDetails(Guid id, VideoDetailsInput input, VideoOwner owner, LiveCrossDbContext db, MarketRegistry markets, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(input.DefaultLocale is null || VideoRules.IsLocale(input.DefaultLocale), "defaultLocale", VideoRules.LocaleMessage);
        var texts = input.Texts ?? [];
        if (errors.NoNullItems(texts, "texts"))
        {
            for (var i = 0; i < texts.Count; i++)
            {
                var t = texts[i]!;
                errors.Require(VideoRules.IsLocale(t.Locale), $"texts[{i}].locale", VideoRules.LocaleMessage);
                errors.Require(!string.IsNullOrWhiteSpace(t.Title) && t.Title.Trim().Length <= VideoRules.MaxTitle, $"texts[{i}].title", $"A title of 1 to {VideoRules.MaxTitle} characters is required.");
                errors.Require(t.Description is null || t.Description.Length <= VideoRules.MaxDescription, $"texts[{i}].description", $"At most {VideoRules.MaxDescription} characters.");
                if (texts.Take(i).Any(o => o?.Locale == t.Locale)) errors.Add($"texts[{i}].locale", "Each locale once.");
            }
        }
        var codes = input.Markets ?? [];
        for (var i = 0; i < codes.Count; i++)
            errors.Require(codes[i] is { } code && markets.TryGet(code, out _), $"markets[{i}]", $"There is no market '{codes[i]}'.");
        if (errors.Any) throw ProblemException.Invalid(errors);

        var video = await FindAsync(owner, db, id, cancellationToken);
        var defaultLocale = input.DefaultLocale ?? video.DefaultLocale;
        if (input.Texts is not null)
        {
            if (texts.Count > 0 && texts.All(t => t!.Locale != defaultLocale))
                throw ProblemException.Invalid("texts", $"A title in the default locale ({defaultLocale}) is required.");
            video.Texts.Clear();
            video.Texts.AddRange(texts.Select(t => new VideoText { VideoId = id, Locale = t!.Locale!, Title = t.Title!.Trim(), Description = string.IsNullOrWhiteSpace(t.Description) ? null : t.Description.Trim() }));
        }
        video.DefaultLocale = defaultLocale;
        if (input.Markets is not null)
        {
            video.Markets.Clear();
            video.Markets.AddRange(codes.Distinct(StringComparer.OrdinalIgnoreCase).Select(c => new VideoMarket { VideoId = id, MarketCode = c!.ToUpperInvariant() }));
        }
        await SaveAsync(db, cancellationToken);
        return TypedResults.Ok(SellerVideoDto.From(video));
    }

    internal static async Task<IResult> UpdateTags(Guid id, VideoTagsInput input, VideoOwner owner, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var video = await FindAsync(owner, db, id, cancellationToken);
        var errors = new ValidationErrors();
        var tags = input.Tags;
        if (tags is null) throw ProblemException.Invalid("tags", "A list of tags (may be empty) is required.");
        errors.Require(tags.Count <= VideoRules.MaxTags, "tags", $"At most {VideoRules.MaxTags} tags.");
        if (errors.NoNullItems(tags, "tags"))
        {
            var ids = tags.Select(t => t!.ProductId).OfType<Guid>().Distinct().ToList();
            var untaggable = await owner.UntaggableAsync(db, video, ids, cancellationToken);
            for (var i = 0; i < tags.Count; i++)
            {
                var t = tags[i]!;
                if (t.ProductId is not { } productId) errors.Add($"tags[{i}].productId", "A product id is required.");
                else if (untaggable.TryGetValue(productId, out var reason)) errors.Add($"tags[{i}].productId", reason);
                foreach (var (field, message) in TimelineTag.Problems(t.StartSecond, t.EndSecond, video.DurationSeconds)) errors.Add($"tags[{i}].{field}", message);
            }
        }
        if (errors.Any) throw ProblemException.Invalid(errors);
        db.RemoveRange(video.Tags);
        video.Tags.Clear();
        video.Tags.AddRange(tags.Select(t => new VideoTag { VideoId = id, ProductId = t!.ProductId!.Value, StartSecond = Math.Round(t.StartSecond!.Value, 3), EndSecond = Math.Round(t.EndSecond!.Value, 3) }));
        await SaveAsync(db, cancellationToken);
        return TypedResults.Ok(SellerVideoDto.From(video));
    }

    internal static async Task<IResult> PutCaptions(Guid id, string locale, HttpRequest request, VideoOwner owner, LiveCrossDbContext db, IVideoStore store, CancellationToken cancellationToken)
    {
        if (!VideoRules.IsLocale(locale)) throw ProblemException.Invalid("locale", VideoRules.LocaleMessage);
        var video = await FindAsync(owner, db, id, cancellationToken);
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(new LimitWriter(buffer, VideoRules.MaxCaptionBytes), cancellationToken);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw ProblemException.Invalid("body", "A WebVTT file is UTF-8 text.");
        }
        if (WebVtt.Problem(text, video.DurationSeconds) is { } problem) throw ProblemException.Invalid("body", problem);
        var key = VideoKeys.Of(id, $"captions-{locale}.vtt");
        buffer.Position = 0;
        await store.PutAsync(key, buffer, "text/vtt", cancellationToken);
        if (video.Captions.All(c => c.Locale != locale)) video.Captions.Add(new VideoCaption { VideoId = id, Locale = locale, Key = key });
        await SaveAsync(db, cancellationToken);
        return TypedResults.Ok(SellerVideoDto.From(video));
    }

    internal static async Task<IResult> Publish(Guid id, VideoOwner owner, LiveCrossDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var video = await FindAsync(owner, db, id, cancellationToken);
        if (video.Status is not (VideoStatus.Ready or VideoStatus.Hidden or VideoStatus.Published))
            throw new ProblemException(StatusCodes.Status409Conflict, "The video is not ready.", $"Only a transcoded video can be published; this one is {SellerVideoDto.Name(video.Status)}.");
        if (video.Texts.Count == 0) throw ProblemException.Invalid("texts", "Give the video a title before publishing it.");
        if (video.Status != VideoStatus.Published)
        {
            video.Status = VideoStatus.Published;
            video.PublishedAt ??= clock.GetUtcNow();
            await SaveAsync(db, cancellationToken);
        }
        return TypedResults.Ok(SellerVideoDto.From(video));
    }

    internal static async Task<IResult> Hide(Guid id, VideoOwner owner, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var video = await FindAsync(owner, db, id, cancellationToken);
        if (video.Status is not (VideoStatus.Published or VideoStatus.Ready or VideoStatus.Hidden))
            throw new ProblemException(StatusCodes.Status409Conflict, "The video is not ready.", $"Only a transcoded video can be hidden; this one is {SellerVideoDto.Name(video.Status)}.");
        if (video.Status != VideoStatus.Hidden)
        {
            video.Status = VideoStatus.Hidden;
            await SaveAsync(db, cancellationToken);
        }
        return TypedResults.Ok(SellerVideoDto.From(video));
    }

    internal static async Task<IResult> StartUpload(
        StartUploadInput input, VideoOwner owner, ClaimsPrincipal user, LiveCrossDbContext db, IOptions<VideoOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var name = input.FileName?.Trim();
        errors.Require(!string.IsNullOrEmpty(name) && name.Length <= VideoRules.MaxFileName && name.IndexOfAny(['/', '\\', '\0']) < 0, "fileName",
            $"A file name of 1 to {VideoRules.MaxFileName} characters, without folders.");
        errors.Require(input.TotalBytes is > 0 && input.TotalBytes <= options.Value.MaxUploadBytes, "totalBytes",
            $"The file's size in bytes, from 1 to {options.Value.MaxUploadBytes}.");
        if (errors.Any) throw ProblemException.Invalid(errors);
        var upload = new VideoUpload { SellerId = owner.SellerId, CreatorId = owner.CreatorId, UploadedBy = user.UserId()!.Value, FileName = name!, TotalBytes = input.TotalBytes!.Value, CreatedAt = clock.GetUtcNow() };
        db.VideoUploads.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{owner.ApiPath}/uploads/{upload.Id}", ToDto(upload));
    }

    internal static async Task<IResult> GetUpload(Guid id, VideoOwner owner, LiveCrossDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToDto(await FindUploadAsync(owner, db, id, cancellationToken)));

    internal static async Task<IResult> PutChunk(
        Guid id, HttpRequest request, VideoOwner owner, LiveCrossDbContext db, IOptions<VideoOptions> options, VideoUploads uploads, CancellationToken cancellationToken)
    {
        var upload = await FindUploadAsync(owner, db, id, cancellationToken);
        if (!ContentRangeHeaderValue.TryParse(request.Headers.ContentRange.ToString(), out var range) || range is not { HasRange: true, HasLength: true } || range.Unit != "bytes")
            throw ProblemException.Invalid("Content-Range", "Send Content-Range: bytes start-end/total with the chunk.");
        var (from, to, total) = (range.From!.Value, range.To!.Value, range.Length!.Value);
        if (total != upload.TotalBytes) throw ProblemException.Invalid("Content-Range", $"The upload was started for {upload.TotalBytes} bytes, not {total}.");
        if (to >= total || to < from) throw ProblemException.Invalid("Content-Range", "The range must lie within the file, end after start.");
        var length = to - from + 1;
        if (length > options.Value.MaxChunkBytes) throw ProblemException.Invalid("Content-Range", $"A chunk may carry at most {options.Value.MaxChunkBytes} bytes.");
        if (from != upload.ReceivedBytes)
            throw new ProblemException(StatusCodes.Status409Conflict, "Not the next chunk.",
                $"{upload.ReceivedBytes} bytes have arrived; send the chunk that starts at byte {upload.ReceivedBytes}.",
                new Dictionary<string, string[]> { ["Content-Range"] = [$"Start at byte {upload.ReceivedBytes}."] });

        upload.ReceivedBytes = await uploads.AppendAsync(db, id, from, to, request.Body, cancellationToken);
        return TypedResults.Ok(ToDto(upload));
    }

    internal static async Task<IResult> FinishUpload(
        Guid id, FinishUploadInput? input, VideoOwner owner, ClaimsPrincipal user, LiveCrossDbContext db, IVideoStore store, MarketRegistry markets,
        IOptions<VideoOptions> options, VideoUploads uploads, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(input?.Title is null || (input.Title.Trim().Length is > 0 and <= VideoRules.MaxTitle), "title", $"1 to {VideoRules.MaxTitle} characters.");
        errors.Require(input?.Locale is null || VideoRules.IsLocale(input.Locale), "locale", VideoRules.LocaleMessage);
        if (errors.Any) throw ProblemException.Invalid(errors);
        var upload = await FindUploadAsync(owner, db, id, cancellationToken);
        if (upload.ReceivedBytes != upload.TotalBytes)
            throw ProblemException.Invalid("file", $"{upload.ReceivedBytes} of {upload.TotalBytes} bytes have arrived; send the rest before finishing.");
        var part = await uploads.AssembleAsync(upload, cancellationToken);
        try
        {
            return await FinishAssembledAsync(upload, part, input, owner, user, db, store, markets, options, uploads, clock, cancellationToken);
        }
        finally
        {
            File.Delete(part);
        }
    }

    private static async Task<IResult> FinishAssembledAsync(
        VideoUpload upload, string part, FinishUploadInput? input, VideoOwner owner, ClaimsPrincipal user, LiveCrossDbContext db, IVideoStore store, MarketRegistry markets,
        IOptions<VideoOptions> options, VideoUploads uploads, TimeProvider clock, CancellationToken cancellationToken)
    {
        ProbedVideo probed;
        try
        {
            probed = await VideoMedia.ProbeAsync(part, options.Value.MaxDurationSeconds, TimeSpan.FromMinutes(1), cancellationToken);
        }
        catch (VideoMediaException e)
        {
            // A refused file leaves nothing behind: neither its bytes nor its upload row.
            db.VideoUploads.Remove(upload);
            await db.SaveChangesAsync(cancellationToken);
            await uploads.DeletePartsAsync(upload.Id);
            throw ProblemException.Invalid("file", e.Message);
        }

        var extension = System.IO.Path.GetExtension(upload.FileName);
        var video = new Video
        {
            SellerId = upload.SellerId,
            CreatorId = upload.CreatorId,
            UploadedBy = user.UserId()!.Value,
            SourceKey = "",
            SourceBytes = upload.TotalBytes,
            DurationSeconds = Math.Round(probed.DurationSeconds, 3),
            Width = probed.Width,
            Height = probed.Height,
            DefaultLocale = input?.Locale ?? "en",
            NextAttemptAt = clock.GetUtcNow(),
        };
        video.SourceKey = VideoKeys.Of(video.Id, "source" + (SourceExtensions.Contains(extension) ? extension.ToLowerInvariant() : ""));
        video.Texts.Add(new VideoText { VideoId = video.Id, Locale = video.DefaultLocale, Title = input?.Title?.Trim() is { Length: > 0 } title ? title : Truncate(System.IO.Path.GetFileNameWithoutExtension(upload.FileName)) });
        video.Markets.AddRange(markets.All.Select(m => new VideoMarket { VideoId = video.Id, MarketCode = m.Code }));
        await using (var source = File.OpenRead(part)) await VideoRemoval.StoreCallAsync(() => store.PutAsync(video.SourceKey, source, "application/octet-stream", cancellationToken));
        db.Videos.Add(video);
        db.VideoUploads.Remove(upload);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request (on any node) finished this upload first: its video stands, this one's source goes.
            await store.DeleteFolderAsync(VideoKeys.Folder(video.Id), CancellationToken.None);
            throw new ProblemException(StatusCodes.Status409Conflict, "The upload is finished already.", "Another request finished this upload a moment ago.");
        }
        await uploads.DeletePartsAsync(upload.Id);
        return TypedResults.Created($"{owner.ApiPath}/{video.Id}", SellerVideoDto.From(video));
    }

    private static UploadDto ToDto(VideoUpload u) =>
        new(u.Id, u.FileName, u.TotalBytes, u.ReceivedBytes, $"{(u.CreatorId is null ? Path : CreatorVideoEndpoints.Path)}/uploads/{u.Id}");

    private static string Truncate(string text) => text.Length <= VideoRules.MaxTitle ? (text.Length == 0 ? "Video" : text) : text[..VideoRules.MaxTitle];

    /// <summary>A video with everything the console shows of it.</summary>
    public static IQueryable<Video> Including(IQueryable<Video> query) =>
        query.Include(v => v.Texts).Include(v => v.Markets).Include(v => v.Tags).Include(v => v.Renditions).Include(v => v.Captions).AsSplitQuery();

    private static async Task<Video> FindAsync(VideoOwner owner, LiveCrossDbContext db, Guid id, CancellationToken cancellationToken) =>
        await Including(owner.Videos(db)).FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw VideoOwner.NotFound();

    private static async Task<VideoUpload> FindUploadAsync(VideoOwner owner, LiveCrossDbContext db, Guid id, CancellationToken cancellationToken) =>
        await owner.Uploads(db).FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
        ?? throw new ProblemException(StatusCodes.Status404NotFound, "No such upload.", "You have no upload with this id under way.");

    private static async Task SaveAsync(LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ProblemException(StatusCodes.Status409Conflict, "The video changed meanwhile.", "The transcode job or another editor saved it first; load it and try again.");
        }
    }

    /// <summary>Refuses a body over the limit instead of buffering it all.</summary>
    private sealed class LimitWriter(Stream inner, long limit) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (inner.Length + count > limit) throw ProblemException.Invalid("body", $"A caption file may have at most {limit} bytes.");
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (inner.Length + buffer.Length > limit) throw ProblemException.Invalid("body", $"A caption file may have at most {limit} bytes.");
            return inner.WriteAsync(buffer, cancellationToken);
        }
    }
}

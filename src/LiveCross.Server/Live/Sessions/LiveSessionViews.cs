using LiveCross.Domain.Live;
using LiveCross.Domain.Markets;
using LiveCross.Server.Platform.Database;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.Sessions;

public sealed record LiveSessionTitleDto(string Locale, string Title);

public sealed record LiveSessionTransitionDto(string From, string To, string Actor, DateTimeOffset At, string Reason);

/// <summary>A session as its seller sees it. <see cref="StreamKey"/> is present only in the answer that made the key (create, rotate).</summary>
public sealed record SellerLiveSessionDto(
    Guid Id, string Status, string DefaultLocale, IReadOnlyList<LiveSessionTitleDto> Titles, IReadOnlyList<string> Markets,
    Guid HostAccountId, IReadOnlyList<Guid> Products, DateTimeOffset ScheduledStart, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    string? Source, string IngestUrl, string StreamKeyHint, string? StreamKey, IReadOnlyList<LiveSessionTransitionDto> History,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Guid Version)
{
    public static SellerLiveSessionDto From(LiveSession s, string ingestUrl, string? streamKey = null) => new(
        s.Id, Name(s.Status), s.DefaultLocale,
        s.Titles.OrderBy(t => t.Locale, StringComparer.Ordinal).Select(t => new LiveSessionTitleDto(t.Locale, t.Title)).ToList(),
        s.Markets.Select(m => m.MarketCode).Order(StringComparer.Ordinal).ToList(),
        s.HostAccountId, s.Products.OrderBy(p => p.Position).Select(p => p.ProductId).ToList(),
        s.ScheduledStart, s.StartedAt, s.EndedAt, s.Status == LiveSessionStatus.Live ? Name(s.Source) : null,
        ingestUrl, "…" + s.StreamKeyHint, streamKey,
        s.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new LiveSessionTransitionDto(Name(t.From), Name(t.To), t.Actor, t.At, t.Reason)).ToList(),
        s.CreatedAt, s.UpdatedAt, s.Version);

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

public sealed record SellerLiveSessionList(int Page, int PageSize, int Total, IReadOnlyList<SellerLiveSessionDto> Items);

/// <summary>What a viewer's player loads: HLS from the media server, or a plain video file; a null URL means "starting soon".</summary>
public sealed record PlaybackDto(string Kind, string? Url);

public sealed record LiveSellerDto(Guid Id, string Name);

public sealed record PublicLiveSessionDto(
    Guid Id, string Title, string Locale, string Status, IReadOnlyList<string> Markets, LiveSellerDto Seller, string Host,
    IReadOnlyList<Guid> Products, DateTimeOffset ScheduledStart, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, PlaybackDto? Playback);

public sealed record LiveSessionListing(string? Market, IReadOnlyList<PublicLiveSessionDto> Live, IReadOnlyList<PublicLiveSessionDto> Upcoming);

/// <summary>Decides what a viewer plays. Only a session that is live has something to play; before and after it there is nothing yet.</summary>
public sealed class LivePlayback(IOptions<LiveOptions> live, IOptions<LiveCrossOptions> app)
{
    public const string DemoVideoUrl = "/media/demo/live-demo.mp4";

    public string DemoVideoPath => Path.Combine(app.Value.MediaPath, "demo", "live-demo.mp4");

    public PlaybackDto? For(LiveSession session)
    {
        if (session.Status != LiveSessionStatus.Live) return null;
        if (session.Source == LiveSource.Rtmp) return new PlaybackDto("hls", $"{live.Value.HlsBaseUrl.TrimEnd('/')}/{StreamName(session.Id)}.m3u8");
        // Live by the host's word (no media server): the prepared demo video, if one could be made (ffmpeg at seeding).
        return new PlaybackDto("video", File.Exists(DemoVideoPath) ? DemoVideoUrl : null);
    }

    /// <summary>The name the media server publishes a session under: its id, never its secret key.</summary>
    public static string StreamName(Guid sessionId) => sessionId.ToString("N");

    public static PublicLiveSessionDto ToPublic(LiveSession s, string? locale, LiveSellerDto seller, string host, PlaybackDto? playback)
    {
        var title = LocaleFallback.Pick(s.Titles, t => t.Locale, locale ?? s.DefaultLocale, s.DefaultLocale) ?? s.Titles.First();
        return new PublicLiveSessionDto(s.Id, title.Title, title.Locale, SellerLiveSessionDto.Name(s.Status),
            s.Markets.Select(m => m.MarketCode).Order(StringComparer.Ordinal).ToList(), seller, host,
            s.Products.OrderBy(p => p.Position).Select(p => p.ProductId).ToList(), s.ScheduledStart, s.StartedAt, s.EndedAt, playback);
    }
}

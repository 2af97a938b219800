using System.Security.Claims;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;

namespace LiveCross.Server.Videos;

public static class VideoRules
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 2000;
    public const int MaxFileName = 200;
    public const int MaxTags = 50;
    public const int MaxCaptionBytes = 512 * 1024;
    public const int MaxCommentsShown = 50;

    /// <summary>The platform's seven interface locales; video texts and captions are in these.</summary>
    public static bool IsLocale(string? locale) => locale is not null && ShopperContext.UiCultures.Contains(locale, StringComparer.Ordinal);

    public const string LocaleMessage = "One of the platform's locales: en, zh-Hans, es, de, ja, id, ar.";

    /// <summary>Names a file of a video has in its URL: a rendition, the poster, the preview or a caption.</summary>
    public static string FileUrl(Guid videoId, string fileName) => $"/api/v1/videos/{videoId}/files/{fileName}";

    public static string PageUrl(Guid videoId) => $"/videos/{videoId}";

    /// <summary>The link <paramref name="viewer"/> shares: a creator's carries their id, so a purchase that follows is credited to them.</summary>
    public static string ShareUrl(Guid videoId, ClaimsPrincipal viewer) =>
        viewer.UserId() is { } user && viewer.IsInRole(Roles.Creator) ? $"{PageUrl(videoId)}?ref={user}" : PageUrl(videoId);
}

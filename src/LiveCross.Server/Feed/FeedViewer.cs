using System.Buffers;
using LiveCross.Server.Platform.Accounts;

namespace LiveCross.Server.Feed;

/// <summary>
/// Who asks for a feed: a signed-in customer, or an anonymous browser by the client id the event tracker keeps (header
/// <c>X-LiveCross-Client</c> or cookie <c>lc_client</c>). <see cref="Key"/> is the shopper key the recommender knows
/// them by; null for a first visit, which gets the cold-start feed.
/// </summary>
public sealed record FeedViewer(Guid? UserId, string? ClientId)
{
    public const string ClientHeader = "X-LiveCross-Client";
    public const string ClientCookie = "lc_client";

    private static readonly SearchValues<char> ClientIdCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    /// <summary>As the event store names shoppers: <c>u:{user id}</c> signed in, <c>c:{client id}</c> anonymous.</summary>
    public string? Key => UserId is { } user ? $"u:{user}" : ClientId is { } client ? $"c:{client}" : null;

    public static FeedViewer From(HttpContext http)
    {
        string? client = http.Request.Headers[ClientHeader].FirstOrDefault() ?? http.Request.Cookies[ClientCookie];
        // An id that is not what the tracker makes is ignored rather than refused: the feed still answers, as for a first visit.
        if (client is not null && !IsClientId(client)) client = null;
        return new FeedViewer(http.User.UserId(), client);
    }

    public static bool IsClientId(string value) => value.Length is > 0 and <= 64 && !value.AsSpan().ContainsAnyExcept(ClientIdCharacters);
}

using LiveCross.Domain.Events;
using LiveCross.Server.Events;
using LiveCross.Server.Platform.Accounts;

namespace LiveCross.Server.Feed;

/// <summary>
/// Who asks for a feed: a signed-in customer, or an anonymous browser by the client id the event tracker keeps (header
/// <c>X-LiveCross-Client</c> or cookie <c>lc_client</c>). <see cref="Key"/> names them as the event store does, so the
/// recommender knows their history; null for a first visit, which gets the cold-start feed.
/// </summary>
public sealed record FeedViewer(Guid? UserId, string? ClientId)
{
    public string? Key => UserId is null && ClientId is null ? null : StoredEvent.SubjectOf(UserId, ClientId);

    public static FeedViewer From(HttpContext http)
    {
        var header = http.Request.Headers[EventIngest.ClientHeader].ToString();
        var client = header.Length > 0 ? header : http.Request.Cookies[EventIngest.ClientCookie];
        // An id that is not what the tracker makes is ignored rather than refused: the feed still answers, as for a first visit.
        return new FeedViewer(http.User.UserId(), EventRules.IsClientId(client) ? client : null);
    }
}

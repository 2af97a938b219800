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

    // A malformed client id is ignored rather than refused: the feed still answers, as for a first visit.
    public static FeedViewer From(HttpContext http) => new(http.User.UserId(), EventIngest.ClientIdOf(http.Request).Id);
}

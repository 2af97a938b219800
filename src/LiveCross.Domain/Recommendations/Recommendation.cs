namespace LiveCross.Domain.Recommendations;

/// <summary>Where a recommended item came from (the source with the largest share of its blended score).</summary>
public enum RecommendationSource
{
    Popular,
    CoOccurrence,
    Als,
    Live,
    NewItem,
    Exploration,
}

public sealed record Recommendation(string ItemKey, ItemKind Kind, float Score, RecommendationSource Source);

/// <summary>
/// A feed page to fill. <paramref name="UserKey"/> is the signed-in user's id or the anonymous client id (null or
/// unknown: a cold start). <paramref name="Exclude"/> holds item keys the caller already showed (earlier pages).
/// <paramref name="Page"/> varies the exploration draw between pages.
/// </summary>
public sealed record FeedRequest(
    string? UserKey,
    string Market,
    int Count,
    DateTimeOffset Now,
    IReadOnlySet<string>? Exclude = null,
    int Page = 0);

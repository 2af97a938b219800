namespace LiveCross.Domain.Recommendations;

/// <summary>
/// Something the feed may show. <paramref name="Markets"/> lists the market codes where it can be shown and bought;
/// an item is never recommended elsewhere. For live sessions, <paramref name="LiveNow"/> and
/// <paramref name="LiveStartsAt"/> say whether it is on air or when it starts.
/// </summary>
public sealed record CatalogItem(
    string Key,
    ItemKind Kind,
    string Category,
    IReadOnlySet<string> Markets,
    DateTimeOffset CreatedAt,
    bool LiveNow = false,
    DateTimeOffset? LiveStartsAt = null)
{
    public bool IsShownIn(string market) => Markets.Contains(market);
}

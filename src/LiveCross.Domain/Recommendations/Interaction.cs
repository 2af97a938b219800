namespace LiveCross.Domain.Recommendations;

/// <summary>What a recommended thing is: a short video, a live session, or a product.</summary>
public enum ItemKind
{
    Video,
    Live,
    Product,
}

/// <summary>The platform's event types (issue 5's event contract) as far as the recommender reads them.</summary>
public enum InteractionType
{
    ViewStart,
    WatchProgress,
    Like,
    Comment,
    Share,
    TagClick,
    ProductView,
    AddToCart,
    CheckoutStart,
    PaymentSuccess,
}

/// <summary>
/// One thing a shopper did with one item. <paramref name="UserKey"/> is a signed-in user's id or an anonymous client id;
/// <paramref name="Market"/> is the market the event was stamped with (null when unknown);
/// <paramref name="WatchFraction"/> is 0..1 for watch progress (0.25, 0.5, 0.75, 1) and 0 otherwise.
/// </summary>
public sealed record Interaction(
    string UserKey,
    string ItemKey,
    ItemKind Kind,
    InteractionType Type,
    DateTimeOffset OccurredAt,
    string? Market = null,
    float WatchFraction = 0f);

namespace LiveCross.Domain.Events;

/// <summary>What happened: one of the platform's interaction events, written as its snake_case name on the wire.</summary>
public enum EventType : byte
{
    ViewStart = 1,
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

public static class EventTypes
{
    private static readonly Dictionary<string, EventType> ByName = new(StringComparer.Ordinal)
    {
        ["view_start"] = EventType.ViewStart,
        ["watch_progress"] = EventType.WatchProgress,
        ["like"] = EventType.Like,
        ["comment"] = EventType.Comment,
        ["share"] = EventType.Share,
        ["tag_click"] = EventType.TagClick,
        ["product_view"] = EventType.ProductView,
        ["add_to_cart"] = EventType.AddToCart,
        ["checkout_start"] = EventType.CheckoutStart,
        ["payment_success"] = EventType.PaymentSuccess,
    };

    private static readonly string[] Names = [.. ByName.OrderBy(p => p.Value).Select(p => p.Key)];

    public static IReadOnlyList<string> All => Names;

    public static bool TryParse(string? name, out EventType type)
    {
        type = default;
        return name is not null && ByName.TryGetValue(name, out type);
    }

    public static string Name(this EventType type) => Names[(int)type - 1];

    /// <summary>
    /// Facts only the server can vouch for (the cart, the order, the payment): a browser that sends one is
    /// refused, so that a script cannot invent purchases and skew what a video earned.
    /// </summary>
    public static bool IsServerFact(this EventType type) => type is EventType.AddToCart or EventType.CheckoutStart or EventType.PaymentSuccess;
}

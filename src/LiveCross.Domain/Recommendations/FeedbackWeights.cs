namespace LiveCross.Domain.Recommendations;

/// <summary>
/// How much each kind of event says about a shopper's interest in an item: the one place these weights live.
/// An item's strength for a shopper is the sum of its events' weights; watch progress counts by the fraction watched,
/// so a video watched to the end (25 + 50 + 75 + 100 % events) adds 2.5 × <see cref="WatchProgress"/>.
/// A purchase says far more than a view (the order of these weights follows Hu, Koren and Volinsky's advice to trust
/// stronger signals more); the absolute scale is taken out by the confidence formula in <see cref="Confidence"/>.
/// </summary>
public sealed record FeedbackWeights
{
    public float ViewStart { get; init; } = 1f;
    public float WatchProgress { get; init; } = 1f;
    public float Like { get; init; } = 3f;
    public float Comment { get; init; } = 3f;
    public float Share { get; init; } = 4f;
    public float TagClick { get; init; } = 3f;
    public float ProductView { get; init; } = 2f;
    public float AddToCart { get; init; } = 5f;
    public float CheckoutStart { get; init; } = 6f;
    public float PaymentSuccess { get; init; } = 10f;

    /// <summary>α and ε of the confidence c = 1 + α·log(1 + strength/ε) (Hu, Koren, Volinsky 2008, eq. 6).</summary>
    public float Alpha { get; init; } = 5f;

    public float Epsilon { get; init; } = 1f;

    public static FeedbackWeights Default { get; } = new();

    public float Of(Interaction interaction) => interaction.Type switch
    {
        InteractionType.ViewStart => ViewStart,
        InteractionType.WatchProgress => WatchProgress * Math.Clamp(interaction.WatchFraction, 0f, 1f),
        InteractionType.Like => Like,
        InteractionType.Comment => Comment,
        InteractionType.Share => Share,
        InteractionType.TagClick => TagClick,
        InteractionType.ProductView => ProductView,
        InteractionType.AddToCart => AddToCart,
        InteractionType.CheckoutStart => CheckoutStart,
        InteractionType.PaymentSuccess => PaymentSuccess,
        _ => 0f,
    };

    public float Confidence(float strength) => 1f + Alpha * MathF.Log(1f + strength / Epsilon);
}

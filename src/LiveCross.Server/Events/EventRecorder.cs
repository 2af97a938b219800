using LiveCross.Domain.Events;
using LiveCross.Server.Platform.Accounts;

namespace LiveCross.Server.Events;

/// <summary>
/// The server's own facts in the event stream (a product added to a cart, an order placed, an order paid), which a
/// browser is not trusted to report. Recording never throws: a business operation does not fail for its event.
/// </summary>
/// <remarks>
/// Event ids derive from the order, so an operation that is retried (a payment event applied again after a
/// concurrent change) records its fact once.
/// </remarks>
public sealed class EventRecorder(EventWriter writer, RecentEventKeys recent, TimeProvider clock, IHttpContextAccessor http, ILogger<EventRecorder> logger)
{
    public void AddedToCart(Guid productId, string market, string locale) =>
        Record(EventType.AddToCart, $"srv-cart-{Guid.CreateVersion7():N}", ShopperSubject(), market, locale, productId: productId);

    public void CheckoutStarted(Guid orderId, string market, string locale) =>
        Record(EventType.CheckoutStart, $"srv-checkout-{orderId:N}", ShopperSubject() ?? ($"o:{orderId:N}", null, null), market, locale, orderId: orderId);

    /// <summary>
    /// One payment_success per product of the paid order, with what its lines came to, so that a purchase is a
    /// product interaction for the recommender and its money can be credited to the video that sold that product.
    /// Recorded for the order's customer, or for the order itself when a guest paid (its checkout_start tells who the guest was),
    /// at the time the payment succeeded. Called by <see cref="PaymentSuccessOutbox"/> once the payment is committed.
    /// </summary>
    /// <returns>False when an event could not be queued (the writer is full): the caller should try again later.</returns>
    public bool PaymentSucceeded(PaidOrderFacts paid)
    {
        var subject = paid.CustomerId is { } customer ? (StoredEvent.SubjectOf(customer, null), paid.CustomerId, (string?)null) : ($"o:{paid.OrderId:N}", null, null);
        var queued = true;
        foreach (var product in paid.Products.GroupBy(l => l.ProductId))
        {
            queued &= Record(EventType.PaymentSuccess, $"srv-paid-{paid.OrderId:N}-{product.Key:N}", subject, paid.Market, paid.Locale,
                productId: product.Key, orderId: paid.OrderId, amount: product.Sum(l => l.Amount), currency: paid.Currency, occurredAt: paid.PaidAt);
        }
        return queued;
    }

    /// <summary>
    /// A signed-in viewer's chat line or like in a live room (which go over the room hub, not the browser tracker): an
    /// interaction with the session. Likes come in bursts of taps, so the event id makes it one like per viewer and session.
    /// </summary>
    public void LiveRoomComment(Guid sessionId, Guid messageId, Guid userId, string market, string locale) =>
        Record(EventType.Comment, $"srv-live-chat-{messageId:N}", (StoredEvent.SubjectOf(userId, null), userId, null), market, locale, liveSessionId: sessionId);

    /// <inheritdoc cref="LiveRoomComment"/>
    public void LiveRoomLike(Guid sessionId, Guid userId, string market, string locale) =>
        Record(EventType.Like, $"srv-live-like-{sessionId:N}", (StoredEvent.SubjectOf(userId, null), userId, null), market, locale, liveSessionId: sessionId);

    private (string Subject, Guid? UserId, string? ClientId)? ShopperSubject()
    {
        if (http.HttpContext is not { } context) return null;
        var userId = context.User.UserId();
        var clientId = EventIngest.ClientIdOf(context.Request).Id;
        if (userId is null && clientId is null) return null;
        return (StoredEvent.SubjectOf(userId, clientId), userId, clientId);
    }

    /// <summary>Queues the event unless it was recorded before; false when it could not be queued.</summary>
    private bool Record(EventType type, string eventId, (string Subject, Guid? UserId, string? ClientId)? who, string market, string locale,
        Guid? productId = null, Guid? orderId = null, decimal? amount = null, string? currency = null, Guid? liveSessionId = null, DateTimeOffset? occurredAt = null)
    {
        // Admitted to the recent keys but not queued: forgotten again at the end, so a later record of it is kept.
        Guid? admitted = null;
        try
        {
            var (subject, userId, clientId) = who ?? ("anonymous", null, null);
            var now = clock.GetUtcNow();
            var stored = new StoredEvent
            {
                Key = StoredEvent.KeyOf(subject, eventId),
                EventId = eventId,
                Type = type,
                OccurredAt = occurredAt ?? now,
                ReceivedAt = now,
                Subject = subject,
                UserId = userId,
                ClientId = clientId,
                Market = market,
                Locale = locale,
                ProductId = productId,
                LiveSessionId = liveSessionId,
                OrderId = orderId,
                Amount = amount,
                Currency = currency,
                Source = EventSource.Server,
            };
            Span<bool> isNew = stackalloc bool[1];
            recent.Admit([stored.Key], isNew);
            admitted = isNew[0] ? stored.Key : null;
            if (admitted is not null && !writer.TryEnqueue([stored]))
            {
                logger.LogWarning("Event {Type} {EventId} dropped: the event writer is full", type.Name(), eventId);
                return false;
            }
            admitted = null;
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Recording event {Type} {EventId} failed", type.Name(), eventId);
            return false;
        }
        finally
        {
            if (admitted is { } key) recent.Forget([key]);
        }
    }
}

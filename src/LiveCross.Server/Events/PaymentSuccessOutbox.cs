using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Outbox;

namespace LiveCross.Server.Events;

/// <summary>What one product of a paid order came to.</summary>
public sealed record PaidProduct(Guid ProductId, decimal Amount);

/// <summary>
/// The outbox payload of a paid order's payment_success events: everything they carry, as it was when the payment
/// succeeded, so the events keep that time and those amounts however late the message is delivered.
/// </summary>
public sealed record PaidOrderFacts(
    Guid OrderId, Guid? CustomerId, string Market, string Locale, string Currency, DateTimeOffset PaidAt, IReadOnlyList<PaidProduct> Products);

/// <summary>
/// Records a paid order's payment_success events from the outbox. The message is written in the transaction that pays
/// the order, so the events exist exactly when the payment does: a save that fails or is rolled back records no purchase.
/// </summary>
/// <remarks>
/// Delivery is at least once; the event ids derive from the order and product, so a redelivered message finds its
/// events recorded already (in the recent keys, else the store's primary key) and adds none.
/// </remarks>
public sealed class PaymentSuccessOutbox(EventRecorder events) : IOutboxHandler
{
    public const string Type = "payment-success-event";

    public string MessageType => Type;

    /// <summary>Adds the message to the caller's unit of work; it is stored by the caller's save, with the payment.</summary>
    public static void Enqueue(LiveCrossDbContext db, PaidOrderFacts facts) => db.Enqueue(Type, facts, facts.PaidAt);

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var facts = message.ReadPayload<PaidOrderFacts>();
        if (!events.PaymentSucceeded(facts))
            throw new InvalidOperationException($"The payment_success events of order {facts.OrderId} could not be queued for the event store; the outbox tries again.");
        return Task.CompletedTask;
    }
}

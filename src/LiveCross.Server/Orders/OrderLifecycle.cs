using LiveCross.Domain.Monetary;
using LiveCross.Domain.Orders;
using LiveCross.Server.Events;
using LiveCross.Server.Inventory;
using LiveCross.Server.Live.Checkout;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Orders;

public abstract record CancelResult
{
    public sealed record Cancelled(Order Order) : CancelResult;

    public sealed record Refused(string Reason) : CancelResult;

    public sealed record NotFound : CancelResult;

    /// <summary>The order changed at the same moment (a payment arrived, another node expired it): read it again.</summary>
    public sealed record Conflict : CancelResult;
}

/// <summary>
/// Moves stored orders through <see cref="OrderStateMachine"/>: cancelling (by the buyer, or by the system when
/// the payment window has passed) and reacting to payment outcomes. Each change — the order's status, its
/// history entry, the stock it holds or sells, the e-mail to send — is one save guarded by the order's version,
/// so a payment and an expiry racing on one order cannot both win.
/// </summary>
public sealed class OrderLifecycle(
    LiveCrossDbContext db, ClaimCheckout claims, CouponCheckout coupons, FlashSaleReleases flashSales, TimeProvider clock,
    ILogger<OrderLifecycle> logger)
    : IPaymentOutcomeHandler
{
    public const string SystemActor = "system";

    /// <summary>
    /// Cancels an unpaid order and releases its stock. An order of a flash-sale claim gives the claim's units back to the
    /// sale, and an order with a live coupon gives the coupon back, in the same transaction: the order's version lets one
    /// cancellation win, so units go back once.
    /// </summary>
    public async Task<CancelResult> CancelAsync(Guid orderId, string actor, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var saleId = await claims.SaleOfOrderAsync(orderId, cancellationToken);
        if (saleId is null && !await coupons.IsUsedByAsync(orderId, cancellationToken)) return await CancelOrderAsync(orderId, actor, reason, cancellationToken);

        var result = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The sale's lock before the order's stock rows, in the order placement takes them: the two never wait on each other in a circle.
            if (saleId is { } sale) await db.LockForUpdateAsync<FlashSale>(sale, ct);
            var cancelled = await CancelOrderAsync(orderId, actor, reason, ct);
            if (cancelled is not CancelResult.Cancelled) return cancelled;
            var units = await claims.ReleaseForOrderAsync(orderId, ct);
            await coupons.ReleaseForOrderAsync(orderId, ct);
            await transaction.CommitAsync(ct);
            if (units > 0) logger.LogInformation("Order {OrderId} cancelled: {Units} flash-sale units went back to sale {SaleId}", orderId, units, saleId);
            return cancelled;
        }, cancellationToken);
        if (result is CancelResult.Cancelled && saleId is { } released) flashSales.Released(released);
        return result;
    }

    private async Task<CancelResult> CancelOrderAsync(Guid orderId, string actor, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var order = await OrderViews.LoadAsync(db, orderId, track: true, cancellationToken);
        if (order is null) return new CancelResult.NotFound();
        var now = clock.GetUtcNow();
        if (order.Apply(OrderStateMachine.Cancel(order.State, actor, now, reason)) is TransitionResult.Refused refused) return new CancelResult.Refused(refused.Reason);
        await StockLedger.ReleaseAsync(db, order.Id, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Order {OrderNumber} cancelled by {Actor}: {Reason}", order.Number, actor, reason);
            return new CancelResult.Cancelled(order);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new CancelResult.Conflict();
        }
    }

    /// <summary>Cancels the order if it is still unpaid and its payment window has passed; false when there was nothing to do or another change won.</summary>
    public async Task<bool> ExpireAsync(Guid orderId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var expired = await db.Orders.AsNoTracking()
            .Where(o => o.Id == orderId && o.Status == OrderStatus.PendingPayment)
            .Select(o => (DateTimeOffset?)o.ReservationExpiresAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (expired is null || expired > clock.GetUtcNow()) return false;
        return await CancelAsync(orderId, SystemActor, "The payment window ended without a payment; the reserved stock was released.", cancellationToken) is CancelResult.Cancelled;
    }

    /// <summary>
    /// A provider's verified outcome. Succeeded pays the order (its reservations become sales) and queues the
    /// confirmation e-mail; Failed is noted and the order keeps waiting; Refunded refunds in part or in full.
    /// A payment for an order that was already cancelled is noted and flagged for refund, never turned into a
    /// paid order. An event seen before changes nothing.
    /// </summary>
    /// <remarks>
    /// Runs inside the payments module's unit of work: it only changes tracked rows, and the caller saves them
    /// with the payment event in one transaction. A concurrent change of the order or its stock fails that save,
    /// and the payments module applies the event again on fresh rows.
    /// </remarks>
    public async Task HandleAsync(PaymentOutcome outcome, CancellationToken cancellationToken)
    {
        var eventId = $"{outcome.Provider}:{outcome.ProviderEventId}";
        if (eventId.Length > 200) eventId = eventId[..200];
        var order = await OrderViews.LoadAsync(db, outcome.OrderId, track: true, cancellationToken);
        if (order is null)
        {
            logger.LogWarning("Payment outcome {EventId} names order {OrderId}, which does not exist", eventId, outcome.OrderId);
            return;
        }
        if (order.Transitions.Any(t => t.EventId == eventId)) return;
        await ApplyAsync(order, outcome, eventId, cancellationToken);
    }

    /// <summary>Changes the tracked order for the outcome; false when the outcome no longer applies and nothing is to be saved.</summary>
    private async Task<bool> ApplyAsync(Order order, PaymentOutcome outcome, string eventId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var actor = $"payment:{outcome.Provider}";
        var amount = CurrencyCode.TryParse(outcome.Currency, out var currency) ? new Money(outcome.Amount, currency) : (Money?)null;
        var described = amount?.ToString() ?? $"{outcome.Amount} {outcome.Currency}";
        switch (outcome.Kind)
        {
            case PaymentOutcomeKind.Succeeded when order.Status == OrderStatus.PendingPayment && amount is { } paid:
                if (order.Apply(OrderStateMachine.Pay(order.State, paid, actor, now, $"Payment {outcome.ProviderPaymentId} of {described} succeeded."), eventId) is TransitionResult.Refused refused)
                {
                    FlagForRefund(order, actor, now, $"Payment {outcome.ProviderPaymentId} succeeded but cannot pay the order: {refused.Reason} It must be refunded.", eventId);
                    return true;
                }
                order.PaymentId = outcome.PaymentId;
                await StockLedger.SellAsync(db, order.Id, now, cancellationToken);
                await claims.MarkPaidAsync(order.Id, cancellationToken);
                db.Enqueue(OrderEmails.Type, new OrderEmailRequest(order.Id, OrderEmailKind.Confirmation), now);
                // Through the outbox, not recorded here: this save may still fail and the outcome go down the refund branch instead.
                PaymentSuccessOutbox.Enqueue(db, new PaidOrderFacts(order.Id, order.CustomerId, order.MarketCode, order.Locale, order.Currency, now,
                    [.. order.Lines.Select(l => new PaidProduct(l.ProductId, l.LineTotal))]));
                logger.LogInformation("Order {OrderNumber} paid with {Provider} payment {ProviderPaymentId}", order.Number, outcome.Provider, outcome.ProviderPaymentId);
                return true;

            case PaymentOutcomeKind.Succeeded when order.PaymentId == outcome.PaymentId:
                return false;

            case PaymentOutcomeKind.Succeeded:
                // Paid after the payment window closed, or paid twice: the goods are not held any more (or were paid for already).
                FlagForRefund(order, actor, now, order.Status == OrderStatus.Cancelled
                    ? $"Payment {outcome.ProviderPaymentId} of {described} succeeded after the order was cancelled; it must be refunded."
                    : $"A second payment {outcome.ProviderPaymentId} of {described} succeeded for an order that is {OrderStateMachine.Describe(order.Status)}; it must be refunded.", eventId);
                logger.LogWarning("Order {OrderNumber} received payment {ProviderPaymentId} while {Status}; flagged for refund", order.Number, outcome.ProviderPaymentId, order.Status);
                return true;

            case PaymentOutcomeKind.Failed when order.Status == OrderStatus.PendingPayment:
                order.Apply(OrderStateMachine.Note(order.State, actor, now,
                    $"Payment {outcome.ProviderPaymentId} failed: {outcome.FailureReason ?? "no reason given"}. The order still waits for payment."), eventId);
                return true;

            case PaymentOutcomeKind.Failed:
                return false;

            case PaymentOutcomeKind.Refunded when order.RefundRequired && order.PaymentId != outcome.PaymentId:
                order.RefundRequired = false;
                order.Apply(OrderStateMachine.Note(order.State, actor, now, $"The payment {outcome.ProviderPaymentId} that could not be taken was refunded ({described})."), eventId);
                return true;

            case PaymentOutcomeKind.Refunded when amount is { } refund:
                if (order.Apply(OrderStateMachine.Refund(order.State, refund, actor, now, $"Refund of {described} on payment {outcome.ProviderPaymentId}."), eventId) is TransitionResult.Refused notRefunded)
                {
                    order.Apply(OrderStateMachine.Note(order.State, actor, now, $"A refund of {described} was reported that the order cannot take: {notRefunded.Reason}"), eventId);
                    logger.LogWarning("Order {OrderNumber}: refund {EventId} refused: {Reason}", order.Number, eventId, notRefunded.Reason);
                }
                return true;

            default:
                order.Apply(OrderStateMachine.Note(order.State, actor, now, $"Payment event {outcome.Kind} of {described} could not be applied."), eventId);
                return true;
        }
    }

    private static void FlagForRefund(Order order, string actor, DateTimeOffset now, string reason, string eventId)
    {
        order.RefundRequired = true;
        order.Apply(OrderStateMachine.Note(order.State, actor, now, reason), eventId);
    }
}

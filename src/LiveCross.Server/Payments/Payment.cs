using LiveCross.Domain.Monetary;
using LiveCross.Server.Platform.Database;

namespace LiveCross.Server.Payments;

public enum PaymentStatus
{
    Pending,
    RequiresAction,
    Succeeded,
    Failed,
    Refunded,
    PartiallyRefunded,
}

/// <summary>
/// One attempt to collect an order's amount through a provider. Its status changes only through
/// verified provider events (and refunds we make), following the rules below, so that events arriving
/// late or out of order cannot take money back from a paid order or pay a failed one twice.
/// </summary>
public sealed class Payment : ITimestamped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrderId { get; set; }

    public required string OrderNumber { get; set; }

    /// <summary>"sandbox" or "stripe".</summary>
    public required string Provider { get; set; }

    /// <summary>The provider's id (sandbox "sbx_…", Stripe "pi_…"); set once the provider has accepted the payment.</summary>
    public string? ProviderPaymentId { get; set; }

    /// <summary>A payment method code of the market file, e.g. "card", "ideal", "pix".</summary>
    public required string Method { get; set; }

    public required string MarketCode { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public PaymentStatus Status { get; set; } = PaymentStatus.Pending;

    /// <summary>The total refunded so far, confirmed by the provider.</summary>
    public decimal RefundedAmount { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>Local URL the shopper goes back to after the hosted payment page.</summary>
    public required string ReturnUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid Version { get; set; }

    public CurrencyCode CurrencyCode => CurrencyCode.Parse(Currency);

    public decimal RefundableAmount => IsPaid ? Amount - RefundedAmount : 0m;

    public bool IsPaid => Status is PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded;

    /// <summary>Still waiting for the shopper or the provider: the hosted page may be used.</summary>
    public bool IsOpen => Status is PaymentStatus.Pending or PaymentStatus.RequiresAction or PaymentStatus.Failed;

    /// <summary>
    /// The provider took the money. A success after a failure is real (the shopper tried another card
    /// on the same payment); a second success changes nothing.
    /// </summary>
    public bool MarkSucceeded()
    {
        if (!IsOpen) return false;
        Status = PaymentStatus.Succeeded;
        FailureReason = null;
        return true;
    }

    /// <summary>An attempt failed. Once the payment succeeded, a failure arriving late does not un-pay it.</summary>
    public bool MarkFailed(string? reason)
    {
        if (Status is not (PaymentStatus.Pending or PaymentStatus.RequiresAction)) return false;
        Status = PaymentStatus.Failed;
        FailureReason = reason is { Length: > 200 } ? reason[..200] : reason;
        return true;
    }

    public bool MarkRequiresAction()
    {
        if (Status != PaymentStatus.Pending) return false;
        Status = PaymentStatus.RequiresAction;
        return true;
    }

    /// <summary>
    /// Brings the refunded total up to <paramref name="totalRefunded"/> (providers report the running
    /// total, so two refund events in either order end at the same total) and returns what this added.
    /// </summary>
    public decimal RaiseRefundedTotal(decimal totalRefunded)
    {
        if (!IsPaid) return 0m;
        var total = Math.Min(totalRefunded, Amount);
        if (total <= RefundedAmount) return 0m;
        var added = total - RefundedAmount;
        RefundedAmount = total;
        Status = RefundedAmount >= Amount ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
        return added;
    }
}

/// <summary>What became of a provider event: applied, ignored (no longer applies), or kept until the payment succeeds.</summary>
public enum PaymentEventResult
{
    Applied,
    Ignored,
    Deferred,
}

/// <summary>
/// A provider event we have received. (Provider, ProviderEventId) is unique: that is what makes a
/// replayed webhook change nothing the second time, even when two copies arrive at once.
/// </summary>
public sealed class PaymentEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Provider { get; set; }

    public required string ProviderEventId { get; set; }

    /// <summary>The provider's event type, e.g. "payment_intent.succeeded".</summary>
    public required string Type { get; set; }

    /// <summary>Null when the event names a payment we do not know.</summary>
    public Guid? PaymentId { get; set; }

    public PaymentEventResult Result { get; set; }

    /// <summary>For refund events: the running total refunded that the provider reported.</summary>
    public decimal? RefundedTotal { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}


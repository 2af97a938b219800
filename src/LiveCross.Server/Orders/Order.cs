using LiveCross.Domain.Monetary;
using LiveCross.Domain.Orders;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;

namespace LiveCross.Server.Orders;

/// <summary>
/// An order: what a buyer in one market bought, where it goes, what it costs item by item, and where it
/// stands. Placed once per idempotency key; its status moves only through <see cref="OrderStateMachine"/>,
/// and every move is kept in <see cref="Transitions"/>.
/// </summary>
public sealed class Order : ITimestamped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>What the buyer and support staff read and say, e.g. "LC-7K3M9QXA"; unique.</summary>
    public required string Number { get; set; }

    /// <summary>The customer's account; null for a guest, who is reached by <see cref="Email"/> and the order link.</summary>
    public Guid? CustomerId { get; set; }

    public required string Email { get; set; }

    /// <summary>The destination market (ISO 3166-1 alpha-2).</summary>
    public required string MarketCode { get; set; }

    /// <summary>The region where rates differ (a Canadian province, a Brazilian state); empty when none.</summary>
    public string Region { get; set; } = "";

    /// <summary>The buyer's language: e-mails about the order are written in it.</summary>
    public required string Locale { get; set; }

    public required string Currency { get; set; }

    public required ShippingAddress ShipTo { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public required OrderCharges Charges { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.PendingPayment;

    /// <summary>Refunded so far, in <see cref="Currency"/>.</summary>
    public decimal RefundedAmount { get; set; }

    /// <summary>When an unpaid order is cancelled and its stock released.</summary>
    public DateTimeOffset ReservationExpiresAt { get; set; }

    /// <summary>
    /// A payment arrived that the order could not take (it was already cancelled, or the amount was wrong):
    /// the money must go back to the buyer. Cleared when a refund is reported.
    /// </summary>
    public bool RefundRequired { get; set; }

    /// <summary>The creator whose share link the buyer followed within 30 days before ordering (the commission's basis), if any.</summary>
    public Guid? ReferredByCreatorId { get; set; }

    /// <summary>The video of that share link.</summary>
    public Guid? ReferredFromVideoId { get; set; }

    /// <summary>The payment that paid the order (the payments module's id), once it is paid.</summary>
    public Guid? PaymentId { get; set; }

    public List<OrderTransition> Transitions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid Version { get; set; }

    public OrderState State
    {
        get
        {
            var currency = CurrencyCode.Parse(Currency);
            return new OrderState(Status, new Money(Charges.AmountDue, currency), new Money(RefundedAmount, currency));
        }
    }

    /// <summary>Applies an accepted transition and records it; a refusal changes nothing and is returned as it is.</summary>
    public TransitionResult Apply(TransitionResult result, string? eventId = null)
    {
        if (result is not TransitionResult.Accepted accepted) return result;
        Status = accepted.Next.Status;
        RefundedAmount = accepted.Next.Refunded.Amount;
        Record(accepted.Change, eventId);
        return result;
    }

    public void Record(StatusChange change, string? eventId = null) =>
        Transitions.Add(new OrderTransition
        {
            OrderId = Id,
            From = change.From,
            To = change.To,
            Actor = Truncate(change.Actor, OrderTransition.MaxActor),
            At = change.At,
            Reason = Truncate(change.Reason, OrderTransition.MaxReason),
            EventId = eventId,
        });

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>Where the parcel goes, as the buyer gave it when ordering (a later edit of a stored address does not change it).</summary>
public sealed record ShippingAddress
{
    public required string Name { get; init; }
    public required string Line1 { get; init; }
    public string Line2 { get; init; } = "";
    public required string City { get; init; }
    public string Region { get; init; } = "";
    public string PostalCode { get; init; } = "";
    public required string Country { get; init; }

    /// <summary>E.164, e.g. +4915123456789.</summary>
    public required string Phone { get; init; }
}

/// <summary>
/// What the buyer is charged, item by item, in the order's currency; filled in by <see cref="CheckoutCharges"/>.
/// <see cref="Total"/> is goods − discount + shipping + insurance + duty + tax (fees listed apart, as the landed-cost quote
/// does; duty and tax are on the discounted goods); <see cref="AmountDue"/> is what the payment collects at checkout — duty and tax collected at the border
/// are shown but not charged.
/// </summary>
public sealed record OrderCharges
{
    public decimal Goods { get; init; }

    /// <summary>Taken off the goods by a live coupon.</summary>
    public decimal Discount { get; init; }

    public decimal Shipping { get; init; }
    public decimal Insurance { get; init; }
    public decimal Duty { get; init; }
    public decimal Tax { get; init; }
    public decimal Fees { get; init; }
    public decimal Total { get; init; }
    public decimal DutyAtCheckout { get; init; }
    public decimal TaxAtCheckout { get; init; }
    public decimal AmountDue { get; init; }

    /// <summary>"checkout", "border" or "mixed": who collects import duty and tax.</summary>
    public string CollectedAt { get; init; } = "checkout";

    /// <summary>The seller-collection scheme used (IOSS, UK-VAT, ...) or "none".</summary>
    public string Scheme { get; init; } = "none";

    public string? QuoteId { get; init; }

    public string? RuleVersion { get; init; }

    /// <summary>The quote's explanation lines, as JSON (an array of strings a shopper can read).</summary>
    public string ExplanationJson { get; init; } = "[]";

    public string? ShippingOptionId { get; init; }

    public string? Carrier { get; init; }

    public DateOnly? EstimatedDeliveryFrom { get; init; }

    public DateOnly? EstimatedDeliveryTo { get; init; }
}

/// <summary>Units of one SKU from one warehouse: a SKU the allocator split across two warehouses is two lines.</summary>
public sealed class OrderLine : ISellerOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrderId { get; set; }

    public Guid SellerId { get; set; }

    public Guid ProductId { get; set; }

    public Guid VariantId { get; set; }

    public Guid WarehouseId { get; set; }

    public required string Sku { get; set; }

    /// <summary>The product title in the order's language when it was placed.</summary>
    public required string Title { get; set; }

    /// <summary>Option values as read, e.g. "Black / 10,000 mAh".</summary>
    public string Options { get; set; } = "";

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    public decimal LineTotal { get; set; }

    /// <summary>Customs data as it was when ordered: the tariff code and where the goods were made.</summary>
    public required string HsCode { get; set; }

    public required string OriginCountry { get; set; }

    public int WeightGrams { get; set; }
}

/// <summary>One entry of an order's history (see <see cref="StatusChange"/>).</summary>
public sealed class OrderTransition
{
    public const int MaxActor = 100;
    public const int MaxReason = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrderId { get; set; }

    public Order? Order { get; set; }

    public OrderStatus? From { get; set; }

    public OrderStatus To { get; set; }

    /// <summary>Who: "customer:{id}", "guest", "system", "payment:{provider}".</summary>
    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Reason { get; set; }

    /// <summary>The provider event that caused it, so a replayed event is recognised and changes nothing twice.</summary>
    public string? EventId { get; set; }
}

/// <summary>
/// The answer given to the first request with an idempotency key: a retry with the same key and the same
/// body gets the same answer; the same key with another body is refused.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Whose key it is: "customer:{id}" or "guest:{e-mail}", so one buyer's key never finds another's order.</summary>
    public required string Scope { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of the request body, hex.</summary>
    public required string RequestHash { get; set; }

    public Guid OrderId { get; set; }

    public int StatusCode { get; set; }

    public required string ResponseJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

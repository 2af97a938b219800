using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Cart;
using LiveCross.Server.Platform.Http;

namespace LiveCross.Server.Orders;

/// <summary>A SKU and quantity of the order, priced at the catalog's current price in the market (already re-validated).</summary>
public sealed record PricedLine(SellableItem Item, int Quantity, Money LineTotal);

/// <summary>Everything checkout knows when the charges are assembled.</summary>
public sealed record ChargeRequest(
    MarketDefinition Market,
    string Region,
    ShippingAddress ShipTo,
    IReadOnlyList<PricedLine> Lines,
    Money Goods,
    string? QuoteToken,
    string? ShippingOptionId,
    DateTimeOffset Now);

public abstract record ChargesResult
{
    public sealed record Assembled(OrderCharges Charges) : ChargesResult;

    /// <summary>The inputs were refused (an expired or tampered quote, an unknown shipping option): a 400 naming the field.</summary>
    public sealed record Invalid(ValidationErrors Errors) : ChargesResult;
}

/// <summary>
/// The one place an order's charges are put together, item by item, before it is placed. Today it charges the
/// goods at the re-validated catalog prices and nothing else. The landed-cost quote (verify the signed
/// <see cref="ChargeRequest.QuoteToken"/>, check it covers these lines and this destination, take duty, tax,
/// fees, who collects, the scheme, rule version and explanation from it) and the shipping option (price,
/// carrier, delivery dates) plug in here; placement stores whatever this returns.
/// </summary>
public sealed class CheckoutCharges
{
    public Task<ChargesResult> AssembleAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        var goods = request.Goods.RoundToMinorUnits().Amount;
        var zero = new Money(0m, request.Goods.Currency).RoundToMinorUnits().Amount;
        var charges = new OrderCharges
        {
            Goods = goods,
            Shipping = zero,
            Insurance = zero,
            Duty = zero,
            Tax = zero,
            Fees = zero,
            Total = goods,
            DutyAtCheckout = zero,
            TaxAtCheckout = zero,
            AmountDue = goods,
            CollectedAt = "checkout",
            Scheme = "none",
        };
        return Task.FromResult<ChargesResult>(new ChargesResult.Assembled(charges));
    }
}

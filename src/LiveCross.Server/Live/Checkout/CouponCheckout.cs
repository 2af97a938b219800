using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.Coupons;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Checkout;

/// <summary>
/// A customer's coupon for an order of <see cref="SellerId"/>'s goods; amounts in the coupon's (the seller's) currency.
/// <see cref="UsedBy"/> is the order it was used on, if any.
/// </summary>
public sealed record UsableCoupon(
    Guid CouponId, Guid ClaimId, Guid SellerId, CouponKind Kind, decimal? AmountOff, int? PercentOff, decimal MinimumSpend, string Currency, DateTimeOffset ExpiresAt,
    Guid? UsedBy);

public abstract record CouponResult
{
    /// <summary>The coupon takes <see cref="Discount"/> (in the market's currency) off the goods.</summary>
    public sealed record Applied(Guid ClaimId, decimal Discount) : CouponResult;

    public sealed record Refused(CheckoutRefusal Refusal) : CouponResult;
}

/// <summary>
/// Live coupons at checkout. A customer's claimed coupon takes an amount or a percentage off the goods of one order of
/// the coupon's seller, when the goods reach its minimum spend and before it expires; amounts set in the seller's
/// currency are converted into the market's as prices are. The coupon is taken by the transaction that writes the
/// order (<see cref="TakeAsync"/>: only while unused), so two orders racing for one coupon cannot both have it; a
/// cancelled unpaid order gives it back.
/// </summary>
public sealed class CouponCheckout(LiveCrossDbContext db, MarketRegistry markets, TimeProvider clock)
{
    /// <summary>The customer's claimed coupons, of one coupon or one seller when given (filtered before the projection, so the database does it).</summary>
    private IQueryable<UsableCoupon> Claimed(Guid customerId, Guid? couponId, Guid? sellerId, bool unusedOnly = false) =>
        from claim in db.LiveCouponClaims.AsNoTracking()
        join coupon in db.LiveCoupons.IgnoreQueryFilters().AsNoTracking() on claim.CouponId equals coupon.Id
        where claim.CustomerId == customerId && (couponId == null || coupon.Id == couponId) && (sellerId == null || coupon.SellerId == sellerId)
            && (!unusedOnly || claim.OrderId == null)
        select new UsableCoupon(coupon.Id, claim.Id, coupon.SellerId, coupon.Kind, coupon.AmountOff, coupon.PercentOff, coupon.MinimumSpend, coupon.Currency, coupon.ExpiresAt,
            claim.OrderId);

    /// <summary>The customer's unused, unexpired coupons for the seller's goods, soonest expiry first: what the checkout page offers.</summary>
    public async Task<List<UsableCoupon>> UsableAsync(Guid customerId, Guid sellerId, CancellationToken cancellationToken)
    {
        // Used coupons are left out by the database, so a customer's long history never crowds out the usable ones.
        var coupons = await Claimed(customerId, null, sellerId, unusedOnly: true).Take(500).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return [.. coupons.Where(c => c.UsedBy is null && c.ExpiresAt > now).OrderBy(c => c.ExpiresAt)];
    }

    /// <summary>The discount the customer's coupon <paramref name="couponId"/> gives on goods worth <paramref name="goods"/> of the seller, or why it cannot be used.</summary>
    public async Task<CouponResult> ApplyAsync(Guid couponId, Guid customerId, Guid sellerId, MarketDefinition market, decimal goods, CancellationToken cancellationToken)
    {
        var coupon = await Claimed(customerId, couponId, null).FirstOrDefaultAsync(cancellationToken);
        if (coupon is null) return Invalid("You have not claimed this coupon: claim it in the live room first.");
        if (coupon.SellerId != sellerId) return Invalid("This coupon is for another seller's goods; order that seller's items with it.");
        if (coupon.UsedBy is { } usedBy) return Used(usedBy);
        if (clock.GetUtcNow() >= coupon.ExpiresAt) return Invalid($"The coupon expired at {coupon.ExpiresAt:u}.");

        Money minimum, amountOff;
        try
        {
            minimum = Pricing.PriceIn(market, markets.Rates, coupon.MinimumSpend, coupon.Currency, marketPrice: null);
            amountOff = Pricing.PriceIn(market, markets.Rates, coupon.AmountOff ?? 0m, coupon.Currency, marketPrice: null);
        }
        catch (InvalidOperationException)
        {
            return Invalid($"There is no exchange rate from {coupon.Currency} to {market.Currency} to apply the coupon with.");
        }
        var currency = CurrencyCode.Parse(market.Currency);
        if (goods < minimum.Amount)
            return Invalid($"The coupon needs goods worth at least {minimum}; these come to {new Money(goods, currency)}.");
        var discount = coupon.Kind == CouponKind.AmountOff
            ? Math.Min(amountOff.Amount, goods)
            : new Money(goods * coupon.PercentOff!.Value / 100m, currency).RoundToMinorUnits().Amount;
        return new CouponResult.Applied(coupon.ClaimId, discount);
    }

    private static CouponResult.Refused Invalid(string message) => new(new(StatusCodes.Status400BadRequest, "couponId", "Coupon cannot be used.", message));

    private static CouponResult.Refused Used(Guid orderId) => new(Conflict(orderId));

    private static CheckoutRefusal Conflict(Guid? orderId) => new(StatusCodes.Status409Conflict, "couponId", "Coupon already used.",
        $"This coupon was used on order {orderId} already; a coupon is used once.");

    /// <summary>Inside the transaction that writes the order: takes the coupon if it is still unused, else says it is used.</summary>
    public async Task<CheckoutRefusal?> TakeAsync(Guid claimId, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var taken = await db.LiveCouponClaims.Where(c => c.Id == claimId && c.OrderId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OrderId, (Guid?)orderId).SetProperty(c => c.UsedAt, (DateTimeOffset?)now), cancellationToken);
        if (taken == 1) return null;
        return Conflict(await db.LiveCouponClaims.AsNoTracking().Where(c => c.Id == claimId).Select(c => c.OrderId).FirstOrDefaultAsync(cancellationToken));
    }

    public Task<bool> IsUsedByAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.LiveCouponClaims.AsNoTracking().AnyAsync(c => c.OrderId == orderId, cancellationToken);

    /// <summary>The order was cancelled unpaid (in this transaction): its coupon can be used again until it expires.</summary>
    public Task<int> ReleaseForOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.LiveCouponClaims.Where(c => c.OrderId == orderId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OrderId, (Guid?)null).SetProperty(c => c.UsedAt, (DateTimeOffset?)null), cancellationToken);
}

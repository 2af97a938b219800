using LiveCross.Domain.Markets;
using LiveCross.Server.Cart;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Markets;
using LiveCross.Server.Orders;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Checkout;

public abstract record ClaimLineResult
{
    /// <summary>The claim as one order line at the flash price in the market's currency, held until <see cref="PayBefore"/>.</summary>
    public sealed record Priced(PricedLine Line, Guid ClaimId, Guid SaleId, DateTimeOffset PayBefore) : ClaimLineResult;

    public sealed record Refused(CheckoutRefusal Refusal) : ClaimLineResult;
}

/// <summary>
/// One-tap checkout of an accepted flash-sale claim: the claim's SKU and quantity at the sale's price, and the claim's
/// part in the order's life. A claim moves Held → Ordered when an order is placed for it, Ordered → Paid with the
/// order's payment, Ordered → Expired (its units back to the sale) when the order is cancelled unpaid. Every move that
/// races the claim-expiry job (Held → Ordered) or changes the sale's <see cref="FlashSale.Claimed"/> (Ordered → Expired)
/// happens under the sale's lock, as the job and the engine take it, so a unit is never both ordered and released, and
/// released once.
/// </summary>
public sealed class ClaimCheckout(LiveCrossDbContext db, SellableItems sellable, MarketRegistry markets, TimeProvider clock, ILogger<ClaimCheckout> logger)
{
    public async Task<ClaimLineResult> PriceAsync(Guid claimId, Guid customerId, MarketDefinition market, string locale, CancellationToken cancellationToken)
    {
        // Another customer's claim is "not found", like a made-up id.
        var claim = db.FlashSaleClaims.AsNoTracking().Where(c => c.Id == claimId && c.CustomerId == customerId)
            .Join(db.FlashSales.IgnoreQueryFilters().AsNoTracking(), c => c.SaleId, s => s.Id,
                (c, s) => new { c.Quantity, c.Status, c.PayBefore, c.OrderId, SaleId = s.Id, s.VariantId, s.Price, s.Currency });
        var found = await claim.FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            // A claim just won may still be in its batch's journal row (or another checkout is turning it into a row now).
            await FlashSaleClaimJournal.MaterializeAllAsync(db, logger, cancellationToken);
            found = await claim.FirstOrDefaultAsync(cancellationToken);
        }
        if (found is null)
            return new ClaimLineResult.Refused(new(StatusCodes.Status404NotFound, "claimId", "Claim not found.", "You have no flash-sale claim with this id."));
        if (Unavailable(found.Status, found.OrderId, found.PayBefore, clock.GetUtcNow()) is { } refusal) return new ClaimLineResult.Refused(refusal);

        var (item, problem) = await sellable.FindAsync(market, locale, null, found.VariantId, cancellationToken);
        if (item is null) return new ClaimLineResult.Refused(new(StatusCodes.Status409Conflict, "claimId", "The product cannot be ordered.", problem!));
        Domain.Monetary.Money price;
        try
        {
            price = Pricing.PriceIn(market, markets.Rates, found.Price, found.Currency, marketPrice: null);
        }
        catch (InvalidOperationException)
        {
            return new ClaimLineResult.Refused(new(StatusCodes.Status409Conflict, "claimId", "No exchange rate.",
                $"There is no exchange rate from {found.Currency} to {market.Currency} to price the claim in."));
        }
        var line = new PricedLine(item with { UnitPrice = price }, found.Quantity, (price * found.Quantity).RoundToMinorUnits(), AgreedPrice: true);
        return new ClaimLineResult.Priced(line, claimId, found.SaleId, found.PayBefore);
    }

    /// <summary>Why a claim in this state cannot become an order, or null when it can.</summary>
    public static CheckoutRefusal? Unavailable(ClaimStatus status, Guid? orderId, DateTimeOffset payBefore, DateTimeOffset now) => status switch
    {
        ClaimStatus.Ordered or ClaimStatus.Paid => new(StatusCodes.Status409Conflict, "claimId", "Claim already ordered.",
            $"This claim became order {orderId} already; a claim is bought once."),
        ClaimStatus.Expired => Expired(payBefore),
        _ when payBefore <= now => Expired(payBefore),
        _ => null,
    };

    private static CheckoutRefusal Expired(DateTimeOffset payBefore) => new(StatusCodes.Status410Gone, "claimId", "Claim expired.",
        $"The claim had to be paid before {payBefore:u}; its units went back to the flash sale.");

    /// <summary>
    /// Inside the transaction that writes the order: marks the claim ordered if it is still held and in time, under its
    /// sale's lock; otherwise says why not (used by another order meanwhile, or expired).
    /// </summary>
    public async Task<CheckoutRefusal?> TakeAsync(ClaimLineResult.Priced claim, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.LockForUpdateAsync<FlashSale>(claim.SaleId, cancellationToken);
        var taken = await db.FlashSaleClaims.Where(c => c.Id == claim.ClaimId && c.Status == ClaimStatus.Held && c.PayBefore > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClaimStatus.Ordered).SetProperty(c => c.OrderId, (Guid?)orderId), cancellationToken);
        if (taken == 1) return null;
        var current = await db.FlashSaleClaims.AsNoTracking().Where(c => c.Id == claim.ClaimId).Select(c => new { c.Status, c.OrderId, c.PayBefore }).FirstAsync(cancellationToken);
        return Unavailable(current.Status, current.OrderId, current.PayBefore, now) ?? Expired(current.PayBefore);
    }

    /// <summary>The sale whose claim this order holds, if any: its lock is taken before the order changes.</summary>
    public Task<Guid?> SaleOfOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.FlashSaleClaims.AsNoTracking().Where(c => c.OrderId == orderId && c.Status == ClaimStatus.Ordered).Select(c => (Guid?)c.SaleId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The order was cancelled unpaid (in this transaction, under the sale's lock): its claim expires and its units go
    /// back to the sale, once — a claim that is no longer Ordered gives back nothing.
    /// </summary>
    public async Task<int> ReleaseForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var claim = await db.FlashSaleClaims.AsNoTracking().Where(c => c.OrderId == orderId && c.Status == ClaimStatus.Ordered)
            .Select(c => new { c.Id, c.SaleId, c.Quantity }).FirstOrDefaultAsync(cancellationToken);
        if (claim is null) return 0;
        var expired = await db.FlashSaleClaims.Where(c => c.Id == claim.Id && c.Status == ClaimStatus.Ordered)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClaimStatus.Expired), cancellationToken);
        if (expired != 1) return 0;
        // The revision tells every node's engine lane that the sale's claims changed (FlashSaleEngine).
        await db.FlashSales.IgnoreQueryFilters().Where(s => s.Id == claim.SaleId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Claimed, x => x.Claimed - claim.Quantity).SetProperty(x => x.Revision, x => x.Revision + 1), cancellationToken);
        return claim.Quantity;
    }

    /// <summary>The order was paid: its claim is paid too. Changes the tracked claim; the caller saves it with the order.</summary>
    public async Task MarkPaidAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var claim = await db.FlashSaleClaims.FirstOrDefaultAsync(c => c.OrderId == orderId && c.Status == ClaimStatus.Ordered, cancellationToken);
        if (claim is not null) claim.Status = ClaimStatus.Paid;
    }
}

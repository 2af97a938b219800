using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Coupons;

public enum ClaimOutcome
{
    Claimed,
    SoldOut,
    AlreadyClaimed,
    Expired,
}

public sealed record CouponClaimResult(ClaimOutcome Outcome, Guid? ClaimId);

/// <summary>
/// Claims live coupons without ever giving out more than the quantity or two to one customer. In one short
/// transaction: lock the coupon row (PostgreSQL <c>FOR UPDATE</c>; SQLite's <c>BEGIN IMMEDIATE</c> write lock), decide,
/// insert the claim and raise <c>Claimed</c> only where <c>Claimed &lt; Quantity</c>; the unique (coupon, customer)
/// index stands behind the "one each" check.
/// </summary>
/// <remarks>
/// A retry returns the first answer without storing losing answers, because every answer is a stable function of the
/// state: the precedence is Claimed (a claim with this key) → AlreadyClaimed (a claim with another key) → SoldOut →
/// Expired, and none of these facts can be undone — claims are never removed, <c>Claimed</c> never falls, and nothing
/// is claimed after the expiry, so a coupon that was not sold out when it expired never becomes sold out.
/// </remarks>
public sealed class LiveCouponClaims(LiveCrossDbContext db, TimeProvider clock, ILogger<LiveCouponClaims> logger)
{
    /// <summary>The answer to a claim, or null for an unknown coupon.</summary>
    public async Task<CouponClaimResult?> ClaimAsync(Guid couponId, Guid customerId, string requestKey, CancellationToken cancellationToken)
    {
        try
        {
            return await DecideAsync(couponId, customerId, requestKey, cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same customer's two requests raced past the check on two connections: the claim that won stands,
            // and deciding again gives this request its stable answer (Claimed for the same key, else AlreadyClaimed).
            return await DecideAsync(couponId, customerId, requestKey, cancellationToken);
        }
    }

    private Task<CouponClaimResult?> DecideAsync(Guid couponId, Guid customerId, string requestKey, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.LockForUpdateAsync<LiveCoupon>(couponId, ct);
            var coupon = await db.LiveCoupons.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == couponId)
                .Select(c => new { c.Quantity, c.Claimed, c.ExpiresAt }).FirstOrDefaultAsync(ct);
            if (coupon is null) return null;
            var mine = await db.LiveCouponClaims.AsNoTracking().Where(c => c.CouponId == couponId && c.CustomerId == customerId)
                .Select(c => new { c.Id, c.RequestKey }).FirstOrDefaultAsync(ct);
            if (mine is not null)
                return mine.RequestKey == requestKey ? new CouponClaimResult(ClaimOutcome.Claimed, mine.Id) : new CouponClaimResult(ClaimOutcome.AlreadyClaimed, null);
            if (coupon.Claimed >= coupon.Quantity) return new CouponClaimResult(ClaimOutcome.SoldOut, null);
            var now = clock.GetUtcNow();
            if (now >= coupon.ExpiresAt) return new CouponClaimResult(ClaimOutcome.Expired, null);

            var claim = new LiveCouponClaim { CouponId = couponId, CustomerId = customerId, RequestKey = requestKey, ClaimedAt = now };
            db.LiveCouponClaims.Add(claim);
            await db.SaveChangesAsync(ct);
            var raised = await db.LiveCoupons.IgnoreQueryFilters().Where(c => c.Id == couponId && c.Claimed < c.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Claimed, c => c.Claimed + 1), ct);
            // Under the lock this cannot happen; if it ever did, nothing is committed rather than one too many handed out.
            if (raised != 1) throw new InvalidOperationException($"Live coupon {couponId}: claimed could not be raised under its lock.");
            await transaction.CommitAsync(ct);
            if (coupon.Claimed + 1 == coupon.Quantity) logger.LogInformation("Live coupon {CouponId}: all {Quantity} claimed", couponId, coupon.Quantity);
            return new CouponClaimResult(ClaimOutcome.Claimed, claim.Id);
        }, cancellationToken);
}

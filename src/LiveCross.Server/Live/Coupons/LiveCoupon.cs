using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Coupons;

public enum CouponKind
{
    /// <summary>A fixed amount off, in the seller's currency.</summary>
    AmountOff,
    PercentOff,
}

/// <summary>
/// Coupons a host drops in a live session: the first <see cref="Quantity"/> customers to claim get one each.
/// <see cref="Claimed"/> only changes under the coupon's lock, in the transaction that writes the claim
/// (<see cref="LiveCouponClaims"/>). A claimed coupon takes money off one order of the seller's goods at checkout.
/// </summary>
public sealed class LiveCoupon : ISellerOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SellerId { get; set; }
    public Guid SessionId { get; set; }
    public int Quantity { get; set; }
    public int Claimed { get; set; }
    public CouponKind Kind { get; set; }

    /// <summary>For <see cref="CouponKind.AmountOff"/>: the amount, in <see cref="Currency"/>.</summary>
    public decimal? AmountOff { get; set; }

    /// <summary>For <see cref="CouponKind.PercentOff"/>: 1 to 90.</summary>
    public int? PercentOff { get; set; }

    /// <summary>The seller's currency: of the amount off and the minimum spend.</summary>
    public required string Currency { get; set; }

    /// <summary>The least an order of the seller's goods must come to for the coupon to apply (0: any).</summary>
    public decimal MinimumSpend { get; set; }

    /// <summary>Claims are taken, and the coupon can be used, until then.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A customer's coupon. Unique per (coupon, customer): one each.</summary>
public sealed class LiveCouponClaim
{
    public const int MaxRequestKey = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CouponId { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>The Idempotency-Key of the request that claimed it: a retry with it is answered Claimed again.</summary>
    public required string RequestKey { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>The order the coupon took money off; null while it is unused (or after that order was cancelled unpaid).</summary>
    public Guid? OrderId { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

public static class LiveCouponsModel
{
    public static void ConfigureModel(ModelBuilder builder, LiveCrossDbContext db)
    {
        builder.Entity<LiveCoupon>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.AmountOff).HasPrecision(18, 4);
            c.Property(x => x.MinimumSpend).HasPrecision(18, 4);
            c.Property(x => x.Currency).HasMaxLength(3);
            c.HasIndex(x => x.SessionId);
            c.HasOne<Sessions.LiveSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne<Seller>().WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<LiveCouponClaim>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.RequestKey).HasMaxLength(LiveCouponClaim.MaxRequestKey);
            c.HasIndex(x => new { x.CouponId, x.CustomerId }).IsUnique();
            c.HasIndex(x => new { x.CustomerId, x.ClaimedAt });
            c.HasIndex(x => x.OrderId);
            c.HasOne<LiveCoupon>().WithMany().HasForeignKey(x => x.CouponId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

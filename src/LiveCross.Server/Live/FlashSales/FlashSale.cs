using LiveCross.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.FlashSales;

public enum FlashSaleStatus
{
    Active,

    /// <summary>The host ended it before its time ran out.</summary>
    EndedByHost,
}

/// <summary>
/// A limited quantity of one SKU at a special price for a short time. <see cref="Claimed"/> counts the units held by
/// live claims and those paid for; it only changes under the sale's lock (see <see cref="FlashSaleEngine"/>).
/// </summary>
public sealed class FlashSale : ISellerOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SellerId { get; set; }
    public Guid ProductId { get; set; }
    public Guid VariantId { get; set; }
    public required string Sku { get; set; }

    /// <summary>The live session it runs in, if any.</summary>
    public Guid? SessionId { get; set; }

    public int Quantity { get; set; }
    public int Claimed { get; set; }

    /// <summary>
    /// Raised by every transaction that changes the sale's claims or <see cref="Claimed"/> (a batch of attempts, the
    /// expiry sweep, the host ending it). A node that finds the revision it last wrote knows its memory of the claims is
    /// exact and reads none of them (see <see cref="FlashSaleEngine"/>). Paying a held claim need not raise it.
    /// </summary>
    public long Revision { get; set; }

    public decimal Price { get; set; }
    public required string Currency { get; set; }
    public int PerCustomerLimit { get; set; }
    public FlashSaleStatus Status { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ClaimStatus
{
    /// <summary>Units set aside for the buyer until <see cref="FlashSaleClaim.PayBefore"/>.</summary>
    Held,

    /// <summary>An order was placed for it (<see cref="FlashSaleClaim.OrderId"/>): the order's payment or cancellation settles it.</summary>
    Ordered,
    Paid,

    /// <summary>Not paid in time: the units went back to the sale.</summary>
    Expired,
}

/// <summary>
/// Units a buyer won in a flash sale. Written in the same transaction that raises the sale's <see cref="FlashSale.Claimed"/>,
/// before the buyer is answered, so an accepted claim survives any crash. Unique per (sale, buyer, request key): a
/// retry of the same attempt finds it and gets the same answer.
/// </summary>
public sealed class FlashSaleClaim
{
    public const int MaxRequestKey = 100;

    /// <summary>A version 7 id (time-ordered), given by the batch that accepted the claim.</summary>
    public Guid Id { get; set; }
    public Guid SaleId { get; set; }

    /// <summary>The buyer's account (taken from the authenticated request, so always an existing account).</summary>
    public Guid CustomerId { get; set; }

    /// <summary>The attempt's Idempotency-Key.</summary>
    public required string RequestKey { get; set; }

    public int Quantity { get; set; }
    public ClaimStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset PayBefore { get; set; }

    /// <summary>The order placed for the claim, once there is one; a claim becomes at most one order.</summary>
    public Guid? OrderId { get; set; }
}

public static class FlashSalesModel
{
    public static void ConfigureModel(ModelBuilder builder, Platform.Database.LiveCrossDbContext db)
    {
        builder.Entity<FlashSale>(s =>
        {
            s.Property(x => x.Id).ValueGeneratedNever();
            s.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            s.Property(x => x.Sku).HasMaxLength(64);
            s.Property(x => x.Currency).HasMaxLength(3);
            s.Property(x => x.Price).HasPrecision(18, 4);
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            s.HasIndex(x => new { x.SellerId, x.CreatedAt });
            s.HasIndex(x => x.SessionId);
            s.HasOne<Catalog.ProductVariant>().WithMany().HasForeignKey(x => x.VariantId).OnDelete(DeleteBehavior.Restrict);
            s.HasOne<Platform.Tenancy.Seller>().WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<FlashSaleClaim>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.RequestKey).HasMaxLength(FlashSaleClaim.MaxRequestKey);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            c.HasIndex(x => new { x.SaleId, x.CustomerId, x.RequestKey }).IsUnique();
            c.HasIndex(x => new { x.Status, x.PayBefore });
            c.HasIndex(x => x.OrderId);
            c.HasOne<FlashSale>().WithMany().HasForeignKey(x => x.SaleId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FlashSaleClaimBatch>(b =>
        {
            b.HasIndex(x => x.SaleId);
            b.HasOne<FlashSale>().WithMany().HasForeignKey(x => x.SaleId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

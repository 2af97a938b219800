using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Orders;

public static class OrdersModel
{
    /// <summary>
    /// In a seller's scope an order is visible when it holds one of the seller's lines, and only those lines are
    /// loaded with it: a seller never sees what a buyer bought from another seller in the same order.
    /// </summary>
    public static void ConfigureModel(ModelBuilder builder, LiveCrossDbContext db)
    {
        builder.Entity<Order>(o =>
        {
            o.Property(x => x.Id).ValueGeneratedNever();
            o.HasQueryFilter(x => db.TenantSellerId == null || x.Lines.Any(l => l.SellerId == db.TenantSellerId));
            o.Property(x => x.Number).HasMaxLength(20);
            o.HasIndex(x => x.Number).IsUnique();
            o.Property(x => x.Email).HasMaxLength(256);
            o.Property(x => x.MarketCode).HasMaxLength(2);
            o.Property(x => x.Region).HasMaxLength(100);
            o.Property(x => x.Locale).HasMaxLength(20);
            o.Property(x => x.Currency).HasMaxLength(3);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            o.Property(x => x.RefundedAmount).HasPrecision(18, 4);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.Ignore(x => x.State);
            o.HasIndex(x => new { x.CustomerId, x.CreatedAt });
            o.HasIndex(x => new { x.Status, x.ReservationExpiresAt });
            o.HasIndex(x => new { x.ReferredByCreatorId, x.CreatedAt });
            o.HasOne<Platform.Accounts.AppUser>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
            o.ComplexProperty(x => x.ShipTo, a =>
            {
                a.Property(x => x.Name).HasMaxLength(200);
                a.Property(x => x.Line1).HasMaxLength(200);
                a.Property(x => x.Line2).HasMaxLength(200);
                a.Property(x => x.City).HasMaxLength(100);
                a.Property(x => x.Region).HasMaxLength(100);
                a.Property(x => x.PostalCode).HasMaxLength(12);
                a.Property(x => x.Country).HasMaxLength(2);
                a.Property(x => x.Phone).HasMaxLength(20);
            });
            o.ComplexProperty(x => x.Charges, c =>
            {
                c.Property(x => x.Goods).HasPrecision(18, 4);
                c.Property(x => x.Discount).HasPrecision(18, 4);
                c.Property(x => x.Shipping).HasPrecision(18, 4);
                c.Property(x => x.Insurance).HasPrecision(18, 4);
                c.Property(x => x.Duty).HasPrecision(18, 4);
                c.Property(x => x.Tax).HasPrecision(18, 4);
                c.Property(x => x.Fees).HasPrecision(18, 4);
                c.Property(x => x.Total).HasPrecision(18, 4);
                c.Property(x => x.DutyAtCheckout).HasPrecision(18, 4);
                c.Property(x => x.TaxAtCheckout).HasPrecision(18, 4);
                c.Property(x => x.AmountDue).HasPrecision(18, 4);
                c.Property(x => x.CollectedAt).HasMaxLength(10);
                c.Property(x => x.Scheme).HasMaxLength(20);
                c.Property(x => x.QuoteId).HasMaxLength(100);
                c.Property(x => x.RuleVersion).HasMaxLength(100);
                c.Property(x => x.ShippingOptionId).HasMaxLength(100);
                c.Property(x => x.Carrier).HasMaxLength(50);
            });
            o.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            o.HasMany(x => x.Transitions).WithOne(x => x.Order).HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OrderLine>(l =>
        {
            l.Property(x => x.Id).ValueGeneratedNever();
            l.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            l.Property(x => x.Sku).HasMaxLength(64);
            l.Property(x => x.Title).HasMaxLength(200);
            l.Property(x => x.Options).HasMaxLength(300);
            l.Property(x => x.UnitPrice).HasPrecision(18, 4);
            l.Property(x => x.LineTotal).HasPrecision(18, 4);
            l.Property(x => x.HsCode).HasMaxLength(10);
            l.Property(x => x.OriginCountry).HasMaxLength(2);
            l.HasIndex(x => new { x.SellerId, x.OrderId });
        });

        builder.Entity<OrderTransition>(t =>
        {
            t.Property(x => x.Id).ValueGeneratedNever();
            t.HasQueryFilter(x => db.TenantSellerId == null || x.Order!.Lines.Any(l => l.SellerId == db.TenantSellerId));
            t.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.Actor).HasMaxLength(OrderTransition.MaxActor);
            t.Property(x => x.Reason).HasMaxLength(OrderTransition.MaxReason);
            t.Property(x => x.EventId).HasMaxLength(200);
            t.HasIndex(x => new { x.OrderId, x.EventId });
        });

        builder.Entity<IdempotencyRecord>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Scope).HasMaxLength(300);
            r.Property(x => x.Key).HasMaxLength(100);
            r.Property(x => x.RequestHash).HasMaxLength(64);
            r.HasIndex(x => new { x.Scope, x.Key }).IsUnique();
        });
    }
}

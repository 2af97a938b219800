using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Inventory;

public static class InventoryModule
{
    /// <summary>Seller-owned rows get the catalog's tenant filter, read from <paramref name="db"/> per query.</summary>
    public static void ConfigureModel(ModelBuilder builder, LiveCrossDbContext db)
    {
        builder.Entity<Warehouse>(w =>
        {
            w.Property(x => x.Id).ValueGeneratedNever();
            w.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            w.Property(x => x.Name).HasMaxLength(200);
            w.Property(x => x.Country).HasMaxLength(2);
            w.HasIndex(x => new { x.SellerId, x.Name }).IsUnique();
            w.HasOne<Platform.Tenancy.Seller>().WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<StockLevel>(s =>
        {
            s.Property(x => x.Id).ValueGeneratedNever();
            s.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            s.Ignore(x => x.Available);
            s.Property(x => x.Version).IsConcurrencyToken();
            s.HasIndex(x => new { x.VariantId, x.WarehouseId }).IsUnique();
            s.HasIndex(x => x.SellerId);
            s.HasOne(x => x.Variant).WithMany().HasForeignKey(x => x.VariantId).OnDelete(DeleteBehavior.Restrict);
            s.HasOne(x => x.Warehouse).WithMany().HasForeignKey(x => x.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<StockReservation>(r =>
        {
            r.Property(x => x.Id).ValueGeneratedNever();
            r.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            r.Ignore(x => x.Released);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.HasIndex(x => new { x.OrderId, x.Status });
            r.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.WarehouseId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne<ProductVariant>().WithMany().HasForeignKey(x => x.VariantId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

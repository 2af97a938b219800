using LiveCross.Server.Inventory;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Platform.DemoData;

/// <summary>
/// Demo warehouses and stock: VoltWave ships from Shenzhen and from a bonded warehouse in Rotterdam, Silk &amp;
/// Bloom from Hangzhou. Every demo SKU has stock; a few are nearly sold out, so the last-unit cases can be tried.
/// Runs whenever demo data is on and no warehouse exists yet, so a database seeded before stock existed gets it too.
/// </summary>
public static class DemoInventory
{
    /// <summary>SKUs with only a unit or two left.</summary>
    public static readonly IReadOnlyDictionary<string, int> LowStock = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["VW-SFH-GRY"] = 2,
        ["VW-AWS-MNT"] = 1,
    };

    public static async Task<bool> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        if (await db.Warehouses.AnyAsync(cancellationToken)) return false;
        var sellers = await db.Sellers.Where(s => s.Slug == DemoSeeder.ElectronicsSlug || s.Slug == DemoSeeder.ApparelSlug).ToListAsync(cancellationToken);
        if (sellers.Count == 0) return false;

        var warehouses = new List<Warehouse>();
        foreach (var seller in sellers)
        {
            if (seller.Slug == DemoSeeder.ElectronicsSlug)
            {
                warehouses.Add(new Warehouse { SellerId = seller.Id, Name = "Shenzhen Longhua DC", Country = "CN" });
                warehouses.Add(new Warehouse { SellerId = seller.Id, Name = "Rotterdam bonded warehouse", Country = "NL" });
            }
            else
            {
                warehouses.Add(new Warehouse { SellerId = seller.Id, Name = "Hangzhou Xiaoshan warehouse", Country = "CN" });
            }
        }
        db.Warehouses.AddRange(warehouses);

        var sellerIds = sellers.Select(s => s.Id).ToList();
        var variants = await db.Variants.Where(v => sellerIds.Contains(v.SellerId)).Select(v => new { v.Id, v.SellerId, v.Sku }).ToListAsync(cancellationToken);
        foreach (var variant in variants)
        {
            var own = warehouses.Where(w => w.SellerId == variant.SellerId).ToList();
            if (LowStock.TryGetValue(variant.Sku, out var few))
            {
                db.StockLevels.Add(new StockLevel { SellerId = variant.SellerId, VariantId = variant.Id, WarehouseId = own[0].Id, OnHand = few });
                continue;
            }
            // A steady spread of quantities without randomness, so every start seeds the same numbers.
            var spread = variant.Sku.Sum(c => c) % 7;
            db.StockLevels.Add(new StockLevel { SellerId = variant.SellerId, VariantId = variant.Id, WarehouseId = own[0].Id, OnHand = 40 + 20 * spread });
            if (own.Count > 1 && spread % 2 == 0)
                db.StockLevels.Add(new StockLevel { SellerId = variant.SellerId, VariantId = variant.Id, WarehouseId = own[1].Id, OnHand = 10 + 5 * spread });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another node starting at the same moment seeded the same warehouses.
            return false;
        }
    }
}

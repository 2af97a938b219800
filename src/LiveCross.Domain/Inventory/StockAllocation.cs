namespace LiveCross.Domain.Inventory;

/// <summary>What one warehouse can give of one SKU right now (on hand minus what unpaid orders hold).</summary>
public sealed record WarehouseStock(Guid VariantId, Guid WarehouseId, int Available);

/// <summary>A quantity of one SKU wanted by an order.</summary>
public sealed record StockDemand(Guid VariantId, int Quantity);

/// <summary>A quantity of one SKU taken from one warehouse.</summary>
public sealed record StockPick(Guid VariantId, Guid WarehouseId, int Quantity);

public abstract record AllocationResult
{
    public sealed record Allocated(IReadOnlyList<StockPick> Picks) : AllocationResult;

    /// <summary>The first SKU there is not enough of, with how many could be had in all warehouses together.</summary>
    public sealed record Shortage(Guid VariantId, int Wanted, int Available) : AllocationResult;
}

/// <summary>
/// Decides which warehouses an order's SKUs come from. A SKU comes from one warehouse when one has enough
/// (the one with the least to spare, keeping larger stocks whole for larger orders); only when none has,
/// it is split, taking from the fullest warehouses first. All or nothing: when any SKU is short, nothing is picked.
/// </summary>
public static class StockAllocation
{
    public static AllocationResult Allocate(IEnumerable<StockDemand> demands, IEnumerable<WarehouseStock> stock)
    {
        var byVariant = stock.Where(s => s.Available > 0).GroupBy(s => s.VariantId).ToDictionary(g => g.Key, g => g.ToList());
        var picks = new List<StockPick>();
        foreach (var demand in demands.GroupBy(d => d.VariantId).Select(g => new StockDemand(g.Key, g.Sum(d => d.Quantity))))
        {
            var candidates = byVariant.GetValueOrDefault(demand.VariantId) ?? [];
            var available = candidates.Sum(c => c.Available);
            if (available < demand.Quantity) return new AllocationResult.Shortage(demand.VariantId, demand.Quantity, available);

            var single = candidates.Where(c => c.Available >= demand.Quantity).OrderBy(c => c.Available).ThenBy(c => c.WarehouseId).FirstOrDefault();
            if (single is not null)
            {
                picks.Add(new StockPick(demand.VariantId, single.WarehouseId, demand.Quantity));
                continue;
            }
            var left = demand.Quantity;
            foreach (var warehouse in candidates.OrderByDescending(c => c.Available).ThenBy(c => c.WarehouseId))
            {
                var take = Math.Min(left, warehouse.Available);
                picks.Add(new StockPick(demand.VariantId, warehouse.WarehouseId, take));
                left -= take;
                if (left == 0) break;
            }
        }
        return new AllocationResult.Allocated(picks);
    }
}

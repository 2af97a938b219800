using LiveCross.Domain.Inventory;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Inventory;

/// <summary>A SKU an order wants, with the seller it belongs to.</summary>
public sealed record StockRequest(Guid VariantId, Guid SellerId, int Quantity);

public abstract record ReserveResult
{
    public sealed record Reserved(IReadOnlyList<StockReservation> Reservations) : ReserveResult;

    public sealed record Shortage(Guid VariantId, int Wanted, int Available) : ReserveResult;
}

/// <summary>
/// Moves stock for orders: held when an order is placed, given back when it is cancelled, taken out of the
/// warehouse when it is paid. Every method only changes tracked rows; the caller's one SaveChanges writes
/// them together with the order, and the stock levels' version tokens refuse a save made on stale numbers.
/// </summary>
public static class StockLedger
{
    public static async Task<ReserveResult> ReserveAsync(
        LiveCrossDbContext db, Guid orderId, IReadOnlyList<StockRequest> requests, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var variantIds = requests.Select(r => r.VariantId).Distinct().ToList();
        var levels = await db.StockLevels.Where(s => variantIds.Contains(s.VariantId)).ToListAsync(cancellationToken);
        var allocation = StockAllocation.Allocate(
            requests.Select(r => new StockDemand(r.VariantId, r.Quantity)),
            levels.Select(l => new WarehouseStock(l.VariantId, l.WarehouseId, l.Available)));
        if (allocation is AllocationResult.Shortage shortage) return new ReserveResult.Shortage(shortage.VariantId, shortage.Wanted, shortage.Available);

        var sellers = requests.GroupBy(r => r.VariantId).ToDictionary(g => g.Key, g => g.First().SellerId);
        var reservations = new List<StockReservation>();
        foreach (var pick in ((AllocationResult.Allocated)allocation).Picks)
        {
            var level = levels.Single(l => l.VariantId == pick.VariantId && l.WarehouseId == pick.WarehouseId);
            level.Reserved += pick.Quantity;
            var reservation = new StockReservation
            {
                OrderId = orderId,
                SellerId = sellers[pick.VariantId],
                VariantId = pick.VariantId,
                WarehouseId = pick.WarehouseId,
                Quantity = pick.Quantity,
                CreatedAt = now,
            };
            db.StockReservations.Add(reservation);
            reservations.Add(reservation);
        }
        return new ReserveResult.Reserved(reservations);
    }

    /// <summary>Gives the order's held units back to the warehouses' available stock.</summary>
    public static Task ReleaseAsync(LiveCrossDbContext db, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken) =>
        CloseAsync(db, orderId, ReservationStatus.Released, now, cancellationToken);

    /// <summary>The order was paid: its held units leave the warehouses.</summary>
    public static Task SellAsync(LiveCrossDbContext db, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken) =>
        CloseAsync(db, orderId, ReservationStatus.Sold, now, cancellationToken);

    private static async Task CloseAsync(LiveCrossDbContext db, Guid orderId, ReservationStatus outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var held = await db.StockReservations.Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Held).ToListAsync(cancellationToken);
        if (held.Count == 0) return;
        var variantIds = held.Select(r => r.VariantId).Distinct().ToList();
        var levels = await db.StockLevels.Where(s => variantIds.Contains(s.VariantId)).ToListAsync(cancellationToken);
        foreach (var reservation in held)
        {
            var level = levels.Single(l => l.VariantId == reservation.VariantId && l.WarehouseId == reservation.WarehouseId);
            level.Reserved -= reservation.Quantity;
            if (outcome == ReservationStatus.Sold) level.OnHand -= reservation.Quantity;
            reservation.Status = outcome;
            reservation.ClosedAt = now;
        }
    }
}

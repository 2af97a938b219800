using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;

namespace LiveCross.Server.Inventory;

/// <summary>A place a seller ships from: its own warehouse, a bonded one or an overseas one.</summary>
public sealed class Warehouse : ISellerOwned, ITimestamped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SellerId { get; set; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country the warehouse is in: where parcels from it start.</summary>
    public required string Country { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// How many units of one SKU one warehouse has, and how many of them unpaid orders hold. The version is
/// renewed on every save, so two buyers reading the same last unit cannot both reserve it: the second
/// save finds the version changed and starts over from the new numbers.
/// </summary>
public sealed class StockLevel : ISellerOwned, ITimestamped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SellerId { get; set; }

    public Guid VariantId { get; set; }

    public ProductVariant? Variant { get; set; }

    public Guid WarehouseId { get; set; }

    public Warehouse? Warehouse { get; set; }

    /// <summary>Units physically in the warehouse, including reserved ones.</summary>
    public int OnHand { get; set; }

    /// <summary>Units held for orders waiting for payment.</summary>
    public int Reserved { get; set; }

    public int Available => OnHand - Reserved;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid Version { get; set; }
}

public enum ReservationStatus
{
    /// <summary>Held for an unpaid order: counted in <see cref="StockLevel.Reserved"/>.</summary>
    Held,

    /// <summary>Given back (the order was cancelled or its payment window expired).</summary>
    Released,

    /// <summary>The order was paid: the units left <see cref="StockLevel.OnHand"/>.</summary>
    Sold,
}

/// <summary>Units of one SKU in one warehouse held for one order.</summary>
public sealed class StockReservation : ISellerOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrderId { get; set; }

    public Guid SellerId { get; set; }

    public Guid VariantId { get; set; }

    public Guid WarehouseId { get; set; }

    public int Quantity { get; set; }

    public ReservationStatus Status { get; set; } = ReservationStatus.Held;

    /// <summary>True once the units went back to the warehouse's available stock.</summary>
    public bool Released => Status == ReservationStatus.Released;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was released or sold.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}

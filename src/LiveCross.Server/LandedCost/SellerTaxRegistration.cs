using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Tenancy;

namespace LiveCross.Server.LandedCost;

/// <summary>A scheme the seller is registered for (IOSS, UK-VAT, AU-GST, ...): the default for its quotes.</summary>
public sealed class SellerTaxRegistration : ISellerOwned
{
    public Guid SellerId { get; set; }

    /// <summary>Scheme code as in the import rule files, e.g. IOSS.</summary>
    public required string Scheme { get; set; }

    /// <summary>The registration number (IOSS IM…, GB VAT number, ABN…), when the seller gives it.</summary>
    public string? Number { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A duty rate the seller knows for its product in one market (a binding ruling, a broker's classification).</summary>
public sealed class ProductDutyRate : ISellerOwned
{
    public Guid ProductId { get; set; }

    public Guid SellerId { get; set; }

    public required string MarketCode { get; set; }

    public decimal RatePercent { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Product? Product { get; set; }
}

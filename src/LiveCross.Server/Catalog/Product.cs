using LiveCross.Domain.Catalog;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;

namespace LiveCross.Server.Catalog;

public enum ProductStatus
{
    Draft,
    Active,
    Archived,
}

public static class ProductStatuses
{
    /// <summary>Only the names draft, active and archived; Enum.TryParse would also take "1" or "Active,Draft".</summary>
    public static bool TryParse(string? text, out ProductStatus status)
    {
        status = default;
        return text is not null
            && Enum.GetNames<ProductStatus>().Contains(text.Trim(), StringComparer.OrdinalIgnoreCase)
            && Enum.TryParse(text.Trim(), ignoreCase: true, out status);
    }
}

public sealed class Product : ISellerOwned, ITimestamped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SellerId { get; set; }

    public Seller? Seller { get; set; }

    /// <summary>Category key, e.g. "electronics/audio".</summary>
    public required string Category { get; set; }

    /// <summary>Harmonized System code, digits only (6–10).</summary>
    public required string HsCode { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country of origin (where the goods were made).</summary>
    public required string OriginCountry { get; set; }

    public int WeightGrams { get; set; }

    public int LengthMm { get; set; }

    public int WidthMm { get; set; }

    public int HeightMm { get; set; }

    /// <summary>Lithium batteries in or with the product: decides which shipping services take it.</summary>
    public BatteryType Battery { get; set; }

    public ProductStatus Status { get; set; } = ProductStatus.Draft;

    /// <summary>Locale of the seller's own text: the last fallback when a translation is missing.</summary>
    public string DefaultLocale { get; set; } = "en";

    public List<ProductTranslation> Translations { get; set; } = [];

    public List<ProductImage> Images { get; set; } = [];

    public List<ProductVariant> Variants { get; set; } = [];

    public List<ProductMarketRule> MarketRules { get; set; } = [];

    /// <summary>Duty rates the seller attached per market; quotes use them instead of the tariff table.</summary>
    public List<LandedCost.ProductDutyRate> DutyRates { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid Version { get; set; }
}

public sealed class ProductTranslation
{
    public Guid ProductId { get; set; }

    public required string Locale { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Title and description folded for search (NFKC, lower case), so that a substring match finds CJK words and full-width input.</summary>
    public string SearchText { get; set; } = "";
}

public sealed class ProductImage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProductId { get; set; }

    public required string Url { get; set; }

    public string AltText { get; set; } = "";

    public int SortOrder { get; set; }
}

/// <summary>A SKU: one buyable combination of option values with its own price and barcode.</summary>
public sealed class ProductVariant : ISellerOwned, ITimestamped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProductId { get; set; }

    /// <summary>The seller's stock-keeping unit code; unique per seller.</summary>
    public required string Sku { get; set; }

    public Guid SellerId { get; set; }

    /// <summary>Option values such as size and colour, e.g. { "color": "Black" }.</summary>
    public Dictionary<string, string> Options { get; set; } = [];

    public string? Gtin { get; set; }

    /// <summary>Price in the seller's currency, before any market conversion.</summary>
    public decimal BasePrice { get; set; }

    public required string Currency { get; set; }

    public List<VariantMarketPrice> MarketPrices { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid Version { get; set; }
}

/// <summary>A fixed price for one SKU in one market, in that market's currency, instead of the converted base price.</summary>
public sealed class VariantMarketPrice
{
    public Guid VariantId { get; set; }

    public required string MarketCode { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }
}

/// <summary>Per-market availability: a product can be blocked in a market (e.g. not compliant there).</summary>
public sealed class ProductMarketRule
{
    public Guid ProductId { get; set; }

    public required string MarketCode { get; set; }

    public bool Blocked { get; set; }

    public string? Reason { get; set; }
}

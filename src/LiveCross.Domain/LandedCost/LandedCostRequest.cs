using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.LandedCost;

public enum DutyRateSource
{
    Tariff,

    /// <summary>Given in the request (a seller using the calculator).</summary>
    Request,

    /// <summary>Attached to the product by its seller.</summary>
    Seller,
}

/// <summary>One line of the consignment; the unit price is in the quote's currency.</summary>
public sealed record LandedCostItem
{
    /// <summary>Digits only, 6 to 10 of them (see <see cref="Catalog.HsCode"/>).</summary>
    public required string HsCode { get; init; }

    public required string OriginCountry { get; init; }

    public decimal UnitPrice { get; init; }

    public int Quantity { get; init; } = 1;

    /// <summary>Replaces the tariff rate when set.</summary>
    public decimal? DutyRatePercent { get; init; }

    public DutyRateSource DutyRateSource { get; init; } = DutyRateSource.Tariff;
}

/// <summary>
/// Exchange rates a quote may use: explicit rates given with the request first (used as given, in either
/// direction, so that 50 USD at USD/BRL 5.52 is exactly 276 BRL), then the stored table.
/// </summary>
public sealed class QuoteRates(IReadOnlyList<ExchangeRate> explicitRates, ExchangeRateTable? stored)
{
    public static readonly QuoteRates None = new([], null);

    public IReadOnlyList<ExchangeRate> Explicit { get; } = explicitRates;

    public ExchangeRateTable? Stored { get; } = stored;

    public bool TryConvert(decimal amount, string from, CurrencyCode to, out decimal converted)
    {
        converted = amount;
        if (string.Equals(from, to.Value, StringComparison.Ordinal)) return true;
        for (var i = 0; i < Explicit.Count; i++)
        {
            var rate = Explicit[i];
            if (rate.Quote == to && string.Equals(rate.Base.Value, from, StringComparison.Ordinal))
            {
                converted = amount * rate.Rate;
                return true;
            }
            if (rate.Base == to && string.Equals(rate.Quote.Value, from, StringComparison.Ordinal))
            {
                converted = amount / rate.Rate;
                return true;
            }
        }
        if (Stored is not null && CurrencyCode.TryParse(from, out var source) && Stored.TryGetRate(source, to, out var stored))
        {
            converted = amount * stored;
            return true;
        }
        return false;
    }
}

public sealed class LandedCostRequest
{
    /// <summary>Market code (ISO 3166-1 alpha-2), e.g. DE.</summary>
    public required string Market { get; init; }

    /// <summary>Province or state where rates differ (CA, BR); null for the national rate.</summary>
    public string? Region { get; init; }

    public DateOnly Date { get; init; }

    /// <summary>Currency of every amount in the request and the quote.</summary>
    public required CurrencyCode Currency { get; init; }

    public ShippingChannel Channel { get; init; } = ShippingChannel.Courier;

    public BuyerType BuyerType { get; init; } = BuyerType.Consumer;

    /// <summary>Schemes the seller is registered for: IOSS, UK-VAT, AU-GST, NZ-GST, SG-GST, MY-LVG, BR-RC, US-DDP, CA-NRI.</summary>
    public IReadOnlyList<string> SellerRegistrations { get; init; } = [];

    /// <summary>Place of direct shipment; null: the first item's origin.</summary>
    public string? ShipFrom { get; init; }

    public required IReadOnlyList<LandedCostItem> Items { get; init; }

    /// <summary>Shipping charged separately; 0 when it is included in the prices.</summary>
    public decimal Shipping { get; init; }

    public decimal Insurance { get; init; }

    public QuoteRates Rates { get; init; } = QuoteRates.None;

    public bool IsRegisteredFor(string scheme)
    {
        for (var i = 0; i < SellerRegistrations.Count; i++)
        {
            if (string.Equals(SellerRegistrations[i], scheme, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}

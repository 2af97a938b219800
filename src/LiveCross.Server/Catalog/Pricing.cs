using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;

namespace LiveCross.Server.Catalog;

/// <summary>
/// A SKU's shelf price in a market: the seller's fixed price for that market if there is one, else the
/// base price converted at the stored rate and rounded to the market currency's minor units
/// (half away from zero). A fixed price is only used while the market still has the currency it was set in.
/// </summary>
public static class Pricing
{
    public static Money PriceIn(MarketDefinition market, ExchangeRateTable rates, decimal basePrice, string baseCurrency, decimal? marketPrice)
    {
        var target = CurrencyCode.Parse(market.Currency);
        if (marketPrice is { } fixedPrice) return new Money(fixedPrice, target).RoundToMinorUnits();
        return rates.Convert(new Money(basePrice, CurrencyCode.Parse(baseCurrency)), target);
    }
}

/// <summary>Money as it travels in the API: an amount and its ISO 4217 currency.</summary>
public sealed record MoneyDto(decimal Amount, string Currency)
{
    public static MoneyDto From(Money money) => new(money.Amount, money.Currency.Value);

    /// <summary>A stored amount, shown with its currency's minor units (a price read back as 899.0 CNY reads 899.00).</summary>
    public static MoneyDto From(decimal amount, string currency) => From(new Money(amount, CurrencyCode.Parse(currency)).RoundToMinorUnits());
}

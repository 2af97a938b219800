using LiveCross.Domain.Markets;

namespace LiveCross.Domain.Tests.Markets;

/// <summary>A valid market definition (Germany by default) to break one field at a time with <c>with</c>.</summary>
public static class MarketDefinitionBuilder
{
    public static MarketDefinition Germany() => new()
    {
        Code = "DE",
        Names = new() { ["en"] = "Germany", ["de"] = "Deutschland" },
        Currency = "EUR",
        CurrencyMinorUnits = 2,
        DefaultLocale = "de-DE",
        Locales = ["de-DE", "en"],
        TimeZone = "Europe/Berlin",
        TaxRegime = "EU",
        PaymentMethods = ["card", "paypal"],
        Carriers = ["dhl"],
        Holidays = [new(new DateOnly(2026, 10, 3), "Tag der Deutschen Einheit"), new(new DateOnly(2026, 12, 25), "Weihnachten")],
    };

    public static MarketDefinition Japan() => Germany() with
    {
        Code = "JP",
        Names = new() { ["en"] = "Japan", ["ja"] = "日本" },
        Currency = "JPY",
        CurrencyMinorUnits = 0,
        DefaultLocale = "ja-JP",
        Locales = ["ja-JP"],
        TimeZone = "Asia/Tokyo",
        TaxRegime = "JP",
        Holidays = [new(new DateOnly(2026, 1, 1), "元日")],
    };
}

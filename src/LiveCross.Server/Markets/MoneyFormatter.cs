using System.Collections.Frozen;
using System.Globalization;
using LiveCross.Domain.Monetary;

namespace LiveCross.Server.Markets;

/// <summary>Formats money in a culture's number pattern with the currency's symbol and minor units.</summary>
public static class MoneyFormatter
{
    // Shoppers abroad meet several dollar and yen currencies, so only USD and JPY get the bare sign.
    // Currencies not listed are shown by their ISO code, which is never ambiguous.
    private static readonly FrozenDictionary<string, string> Symbols = new Dictionary<string, string>
    {
        ["USD"] = "$",
        ["CAD"] = "CA$",
        ["MXN"] = "MX$",
        ["BRL"] = "R$",
        ["GBP"] = "£",
        ["EUR"] = "€",
        ["PLN"] = "zł",
        ["AUD"] = "A$",
        ["NZD"] = "NZ$",
        ["JPY"] = "¥",
        ["KRW"] = "₩",
        ["SGD"] = "S$",
        ["MYR"] = "RM",
        ["THB"] = "฿",
        ["IDR"] = "Rp",
        ["VND"] = "₫",
        ["PHP"] = "₱",
        ["CNY"] = "CN¥",
        ["HKD"] = "HK$",
    }.ToFrozenDictionary();

    public static string Format(Money money, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbol(money.Currency.Value);
        format.CurrencyDecimalDigits = money.Currency.MinorUnits;
        return money.RoundToMinorUnits().Amount.ToString("C", format);
    }

    public static string Symbol(string currency) => Symbols.GetValueOrDefault(currency, currency);
}

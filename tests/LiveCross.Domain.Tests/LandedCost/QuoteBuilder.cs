using System.Globalization;
using LiveCross.Domain.LandedCost;
using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.Tests.LandedCost;

/// <summary>The rule files shipped with the server, loaded once for all tests.</summary>
public static class ShippedRules
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "LandedCostData");

    private static readonly Lazy<RuleBook> Loaded = new(() => ImportRuleFiles.Parse(Read("Regimes"), Read("Tariffs")));

    public static RuleBook Book => Loaded.Value;

    public static IEnumerable<RuleFileText> Read(string sub) =>
        Directory.GetFiles(Path.Combine(Folder, sub), "*.json").Order(StringComparer.Ordinal).Select(p => new RuleFileText(Path.GetFileName(p), File.ReadAllText(p)));
}

/// <summary>Builds a quote request in a few words: <c>Quote.For("DE").On("2026-11-24").Item("610910", 20m, 2).Shipping(5m)</c>.</summary>
public sealed class Quote
{
    private readonly string _market;
    private readonly List<LandedCostItem> _items = [];
    private readonly List<string> _registrations = [];
    private readonly List<ExchangeRate> _rates = [];
    private DateOnly _date = new(2026, 11, 24);
    private CurrencyCode? _currency;
    private string? _region;
    private string? _shipFrom;
    private decimal _shipping;
    private ShippingChannel _channel = ShippingChannel.Courier;
    private BuyerType _buyer = BuyerType.Consumer;

    private static readonly Dictionary<string, string> MarketCurrency = new()
    {
        ["DE"] = "EUR",
        ["FR"] = "EUR",
        ["IT"] = "EUR",
        ["ES"] = "EUR",
        ["NL"] = "EUR",
        ["PL"] = "PLN",
        ["IE"] = "EUR",
        ["GB"] = "GBP",
        ["US"] = "USD",
        ["CA"] = "CAD",
        ["AU"] = "AUD",
        ["NZ"] = "NZD",
        ["JP"] = "JPY",
        ["KR"] = "KRW",
        ["SG"] = "SGD",
        ["MY"] = "MYR",
        ["ID"] = "IDR",
        ["TH"] = "THB",
        ["VN"] = "VND",
        ["PH"] = "PHP",
        ["SA"] = "SAR",
        ["AE"] = "AED",
        ["BR"] = "BRL",
        ["MX"] = "MXN",
    };

    private Quote(string market) => _market = market;

    public static Quote For(string market) => new(market);

    public Quote On(string date)
    {
        _date = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return this;
    }

    public Quote Item(string hs, decimal unitPrice, int quantity = 1, string origin = "CN", decimal? dutyRate = null)
    {
        _items.Add(new LandedCostItem { HsCode = hs, OriginCountry = origin, UnitPrice = unitPrice, Quantity = quantity, DutyRatePercent = dutyRate, DutyRateSource = dutyRate is null ? DutyRateSource.Tariff : DutyRateSource.Request });
        return this;
    }

    public Quote Shipping(decimal amount) { _shipping = amount; return this; }

    public Quote Registered(params string[] schemes) { _registrations.AddRange(schemes); return this; }

    public Quote In(string currency) { _currency = CurrencyCode.Parse(currency); return this; }

    public Quote Rate(string from, string to, decimal rate)
    {
        _rates.Add(new ExchangeRate(CurrencyCode.Parse(from), CurrencyCode.Parse(to), rate, "test", _date));
        return this;
    }

    public Quote Region(string region) { _region = region; return this; }

    public Quote ShipFrom(string country) { _shipFrom = country; return this; }

    public Quote Postal() { _channel = ShippingChannel.Postal; return this; }

    public Quote Business() { _buyer = BuyerType.Business; return this; }

    public LandedCostRequest Request() => new()
    {
        Market = _market,
        Region = _region,
        Date = _date,
        Currency = _currency ?? CurrencyCode.Parse(MarketCurrency[_market]),
        Channel = _channel,
        BuyerType = _buyer,
        SellerRegistrations = _registrations,
        ShipFrom = _shipFrom,
        Items = _items,
        Shipping = _shipping,
        Rates = new QuoteRates(_rates, null),
    };

    public LandedCostQuote Calculate()
    {
        var calculator = new LandedCostCalculator(ShippedRules.Book);
        calculator.TryCalculate(Request(), out var quote, out var error).ShouldBeTrue(error.ToString());
        return quote;
    }

    public QuoteError Refused()
    {
        var calculator = new LandedCostCalculator(ShippedRules.Book);
        calculator.TryCalculate(Request(), out _, out var error).ShouldBeFalse();
        return error;
    }
}

public static class QuoteAssertions
{
    /// <summary>Duty, tax and total in one assertion, so a failure shows all three.</summary>
    public static void ShouldCost(this LandedCostQuote quote, decimal duty, decimal tax, decimal total)
    {
        var lines = string.Join(" | ", quote.Lines.Select(l => l.Text));
        (quote.Duty.Amount, quote.Tax.Amount, quote.Total.Amount).ShouldBe((duty, tax, total), lines);
    }

    public static bool Explains(this LandedCostQuote quote, string code) => quote.Lines.Any(l => l.Code == code);
}

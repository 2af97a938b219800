using LiveCross.Domain.Monetary;
using LiveCross.Server.Markets;

namespace LiveCross.Server.Tests.Markets;

/// <summary>The market files and the exchange-rate snapshot that ship with the server.</summary>
public sealed class ShippedMarketDataTests
{
    [Fact]
    public void Every_shipped_market_file_loads_and_validates()
    {
        var files = Directory.GetFiles(MarketFiles.DefaultFolder, "*.json");
        var markets = MarketFiles.LoadAll(MarketFiles.DefaultFolder);
        markets.Count.ShouldBe(files.Length);
        markets.Count.ShouldBeGreaterThanOrEqualTo(24);
        foreach (var market in markets) Path.GetFileNameWithoutExtension(market.Path).ShouldBe(market.Definition.Code);
    }

    // Currencies and minor units from ISO 4217, written out here rather than read from the code under test.
    [Theory]
    [InlineData("US", "USD", 2)]
    [InlineData("CA", "CAD", 2)]
    [InlineData("MX", "MXN", 2)]
    [InlineData("BR", "BRL", 2)]
    [InlineData("GB", "GBP", 2)]
    [InlineData("DE", "EUR", 2)]
    [InlineData("FR", "EUR", 2)]
    [InlineData("IT", "EUR", 2)]
    [InlineData("ES", "EUR", 2)]
    [InlineData("NL", "EUR", 2)]
    [InlineData("PL", "PLN", 2)]
    [InlineData("IE", "EUR", 2)]
    [InlineData("AU", "AUD", 2)]
    [InlineData("NZ", "NZD", 2)]
    [InlineData("JP", "JPY", 0)]
    [InlineData("KR", "KRW", 0)]
    [InlineData("SG", "SGD", 2)]
    [InlineData("MY", "MYR", 2)]
    [InlineData("TH", "THB", 2)]
    [InlineData("ID", "IDR", 2)]
    [InlineData("VN", "VND", 0)]
    [InlineData("PH", "PHP", 2)]
    [InlineData("SA", "SAR", 2)]
    [InlineData("AE", "AED", 2)]
    public void Each_required_market_ships_with_its_currency(string code, string currency, int minorUnits)
    {
        var market = MarketFiles.LoadAll(MarketFiles.DefaultFolder).Select(f => f.Definition).SingleOrDefault(m => m.Code == code);
        market.ShouldNotBeNull($"no market file {code}.json");
        market.Currency.ShouldBe(currency);
        market.CurrencyMinorUnits.ShouldBe(minorUnits);
        market.Names["en"].ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The_exchange_rate_snapshot_covers_every_market_currency_and_the_sellers_CNY()
    {
        var snapshot = ExchangeRateSnapshot.Load(ExchangeRateSnapshot.DefaultPath);
        var quoted = snapshot.Rates.Keys.Append(snapshot.Base).ToHashSet(StringComparer.Ordinal);
        var needed = MarketFiles.LoadAll(MarketFiles.DefaultFolder).Select(f => f.Definition.Currency).Append("CNY").Append("USD").Distinct();
        needed.Where(c => !quoted.Contains(c)).ShouldBeEmpty("currencies without a rate in the snapshot");
    }

    [Fact]
    public void A_price_in_any_sellers_currency_converts_into_every_markets_currency_with_the_snapshot()
    {
        var snapshot = ExchangeRateSnapshot.Load(ExchangeRateSnapshot.DefaultPath);
        var pivot = CurrencyCode.Parse(snapshot.Base);
        var table = new ExchangeRateTable(snapshot.Rates.Select(r => new ExchangeRate(pivot, CurrencyCode.Parse(r.Key), r.Value, snapshot.Source, snapshot.AsOf)));
        var markets = MarketFiles.LoadAll(MarketFiles.DefaultFolder).Select(f => f.Definition).ToList();
        var sellerCurrencies = markets.Select(m => m.Currency).Append("CNY").Append("USD").Distinct().Select(CurrencyCode.Parse).ToList();

        foreach (var from in sellerCurrencies)
        {
            foreach (var market in markets)
            {
                var price = table.Convert(new Money(1000m, from), CurrencyCode.Parse(market.Currency));
                price.Amount.ShouldBeGreaterThan(0m, $"1000 {from} in {market.Code}");
                price.IsRoundedToMinorUnits.ShouldBeTrue($"1000 {from} in {market.Code} is {price}");
            }
        }
    }
}

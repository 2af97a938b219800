using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.Tests.Monetary;


public sealed class ExchangeRateTableTests
{
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly CurrencyCode Jpy = CurrencyCode.Parse("JPY");
    private static readonly CurrencyCode Gbp = CurrencyCode.Parse("GBP");
    private static readonly CurrencyCode Cny = CurrencyCode.Parse("CNY");
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static ExchangeRate Rate(CurrencyCode from, CurrencyCode to, decimal rate, DateOnly? asOf = null) =>
        new(from, to, rate, "test", asOf ?? Today);

    private static ExchangeRateTable UsdTable() => new([Rate(Usd, Eur, 0.8650m), Rate(Usd, Jpy, 155.40m), Rate(Usd, Cny, 7.1050m)]);

    [Fact]
    public void A_stored_pair_is_used_directly()
    {
        UsdTable().TryGetRate(Usd, Eur, out var rate).ShouldBeTrue();
        rate.ShouldBe(0.8650m);
        // 100 × 0.8650 = 86.50
        UsdTable().Convert(new Money(100m, Usd), Eur).ShouldBe(new Money(86.50m, Eur));
    }

    [Fact]
    public void The_reverse_of_a_stored_pair_uses_its_inverse()
    {
        UsdTable().TryGetRate(Eur, Usd, out var rate).ShouldBeTrue();
        rate.ShouldBe(1.1560694m, 0.0000001m);
        // 86.50 / 0.8650 = 100.00
        UsdTable().Convert(new Money(86.50m, Eur), Usd).ShouldBe(new Money(100.00m, Usd));
        // 1000 / 155.40 = 6.4350… → 6.44
        UsdTable().Convert(new Money(1000m, Jpy), Usd).ShouldBe(new Money(6.44m, Usd));
    }

    [Fact]
    public void Two_currencies_without_a_stored_pair_are_crossed_through_the_dollar()
    {
        UsdTable().TryGetRate(Eur, Jpy, out var rate).ShouldBeTrue();
        rate.ShouldBe(179.65318m, 0.00001m);
        // 10 EUR = 10 / 0.8650 = 11.5607 USD; × 155.40 = 1796.53 → 1797 JPY
        UsdTable().Convert(new Money(10m, Eur), Jpy).ShouldBe(new Money(1797m, Jpy));
        // 100 CNY = 100 / 7.1050 = 14.0746 USD; × 0.8650 = 12.1745… → 12.17 EUR
        UsdTable().Convert(new Money(100m, Cny), Eur).ShouldBe(new Money(12.17m, Eur));
    }

    [Fact]
    public void A_currency_converts_to_itself_at_one()
    {
        UsdTable().TryGetRate(Eur, Eur, out var rate).ShouldBeTrue();
        rate.ShouldBe(1m);
        UsdTable().Convert(new Money(19.999m, Eur), Eur).ShouldBe(new Money(20.00m, Eur));
    }

    [Fact]
    public void The_latest_rate_by_as_of_date_wins_whatever_the_order()
    {
        var table = new ExchangeRateTable(
        [
            Rate(Usd, Eur, 0.8650m, new DateOnly(2026, 11, 24)),
            Rate(Usd, Eur, 0.9000m, new DateOnly(2026, 11, 1)),
            Rate(Usd, Eur, 0.9500m, new DateOnly(2026, 10, 15)),
        ]);
        table.Convert(new Money(100m, Usd), Eur).ShouldBe(new Money(86.50m, Eur));
        table.Rates.ShouldHaveSingleItem().AsOf.ShouldBe(new DateOnly(2026, 11, 24));
    }

    [Fact]
    public void A_pair_with_no_route_has_no_rate_and_cannot_convert()
    {
        var table = new ExchangeRateTable([Rate(Usd, Eur, 0.8650m), Rate(Eur, Gbp, 0.8800m)]);
        table.TryGetRate(Eur, Gbp, out _).ShouldBeTrue();
        table.TryGetRate(Usd, Jpy, out _).ShouldBeFalse();
        // GBP is only quoted against EUR, so there is no route through the dollar.
        table.TryGetRate(Gbp, Usd, out _).ShouldBeFalse();
        table.TryGetRate(Gbp, Jpy, out _).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => table.Convert(new Money(1m, Gbp), Jpy)).Message.ShouldContain("GBP");
    }

    [Fact]
    public void An_empty_table_converts_nothing_but_same_currency()
    {
        Should.Throw<InvalidOperationException>(() => new ExchangeRateTable([]).Convert(new Money(1m, Usd), Eur));
        new ExchangeRateTable([]).Convert(new Money(1.25m, Usd), Usd).ShouldBe(new Money(1.25m, Usd));
    }
}

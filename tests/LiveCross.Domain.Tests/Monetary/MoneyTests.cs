using System.Globalization;
using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.Tests.Monetary;


public sealed class MoneyTests
{
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    private static readonly CurrencyCode Jpy = CurrencyCode.Parse("JPY");
    private static readonly CurrencyCode Kwd = CurrencyCode.Parse("KWD");

    private static Money Amount(string amount, string currency) =>
        new(decimal.Parse(amount, CultureInfo.InvariantCulture), CurrencyCode.Parse(currency));

    [Theory]
    [InlineData("JPY", "1234.5", "1235")]
    [InlineData("JPY", "-0.5", "-1")]
    [InlineData("JPY", "1234.4", "1234")]
    [InlineData("KRW", "1234.5", "1235")]
    [InlineData("KRW", "-0.5", "-1")]
    [InlineData("VND", "1234.5", "1235")]
    [InlineData("VND", "2.5", "3")]
    public void Zero_decimal_currencies_round_half_away_from_zero_to_whole_units(string currency, string amount, string expected) =>
        Amount(amount, currency).RoundToMinorUnits().ShouldBe(Amount(expected, currency));

    // Banker's rounding (half to even) would give 0.12 for 0.125 and 2.67 for 2.675.
    [Theory]
    [InlineData("EUR", "0.125", "0.13")]
    [InlineData("EUR", "0.135", "0.14")]
    [InlineData("EUR", "-0.125", "-0.13")]
    [InlineData("EUR", "0.124", "0.12")]
    [InlineData("USD", "2.675", "2.68")]
    [InlineData("USD", "2.665", "2.67")]
    public void Two_decimal_currencies_round_half_away_from_zero_to_cents(string currency, string amount, string expected) =>
        Amount(amount, currency).RoundToMinorUnits().ShouldBe(Amount(expected, currency));

    [Theory]
    [InlineData("KWD", "1.2345", "1.235")]
    [InlineData("BHD", "1.2345", "1.235")]
    [InlineData("BHD", "-1.2345", "-1.235")]
    [InlineData("KWD", "1.2344", "1.234")]
    public void Three_decimal_currencies_round_half_away_from_zero_to_fils(string currency, string amount, string expected) =>
        Amount(amount, currency).RoundToMinorUnits().ShouldBe(Amount(expected, currency));

    [Fact]
    public void Converting_dollars_to_yen_rounds_to_whole_yen()
    {
        // 12.34 × 155.40 = 1917.636 → 1918
        new Money(12.34m, Usd).ConvertTo(Jpy, 155.40m).ShouldBe(new Money(1918m, Jpy));
        // 0.01 × 250 = 2.5 → 3 (half to even would give 2)
        new Money(0.01m, Usd).ConvertTo(Jpy, 250m).ShouldBe(new Money(3m, Jpy));
    }

    [Fact]
    public void Converting_yen_to_dollars_rounds_to_cents()
    {
        // 1000 × 0.006425 = 6.425 → 6.43 (half to even would give 6.42)
        new Money(1000m, Jpy).ConvertTo(Usd, 0.006425m).ShouldBe(new Money(6.43m, Usd));
        // 1999 × 0.0064 = 12.7936 → 12.79
        new Money(1999m, Jpy).ConvertTo(Usd, 0.0064m).ShouldBe(new Money(12.79m, Usd));
    }

    [Fact]
    public void Converting_dollars_to_dinars_rounds_to_three_decimals()
    {
        // 1.50 × 0.3070 = 0.4605 → 0.461 (half to even would give 0.460)
        new Money(1.50m, Usd).ConvertTo(Kwd, 0.3070m).ShouldBe(new Money(0.461m, Kwd));
        // 10.01 × 0.3075 = 3.078075 → 3.078
        new Money(10.01m, Usd).ConvertTo(Kwd, 0.3075m).ShouldBe(new Money(3.078m, Kwd));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1.08")]
    public void Converting_at_a_rate_that_is_not_positive_throws(string rate) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Money(10m, Usd).ConvertTo(Eur, decimal.Parse(rate, CultureInfo.InvariantCulture)));

    [Fact]
    public void Adding_and_subtracting_amounts_in_one_currency_keeps_the_currency()
    {
        (new Money(10.50m, Eur) + new Money(0.75m, Eur)).ShouldBe(new Money(11.25m, Eur));
        (new Money(10.50m, Eur) - new Money(0.75m, Eur)).ShouldBe(new Money(9.75m, Eur));
    }

    [Fact]
    public void Adding_amounts_in_different_currencies_throws() =>
        Should.Throw<InvalidOperationException>(() => new Money(1m, Eur) + new Money(1m, Usd));

    [Fact]
    public void Subtracting_amounts_in_different_currencies_throws() =>
        Should.Throw<InvalidOperationException>(() => new Money(1m, Eur) - new Money(1m, Usd));

    [Theory]
    [InlineData("JPY", "100", true)]
    [InlineData("JPY", "100.5", false)]
    [InlineData("EUR", "1.23", true)]
    [InlineData("EUR", "1.230", true)]
    [InlineData("EUR", "1.234", false)]
    [InlineData("KWD", "1.234", true)]
    [InlineData("KWD", "1.2345", false)]
    public void An_amount_is_rounded_when_it_has_no_more_decimals_than_the_currency_allows(string currency, string amount, bool rounded) =>
        Amount(amount, currency).IsRoundedToMinorUnits.ShouldBe(rounded);

    [Theory]
    [InlineData("899.0", "CNY", "899.00")]
    [InlineData("4331", "JPY", "4331")]
    [InlineData("1.2", "KWD", "1.200")]
    public void Rounded_money_is_written_with_all_the_currencys_minor_units(string amount, string currency, string written)
    {
        var money = new Money(decimal.Parse(amount, CultureInfo.InvariantCulture), CurrencyCode.Parse(currency)).RoundToMinorUnits();

        money.Amount.ToString(CultureInfo.InvariantCulture).ShouldBe(written);
    }
}

using System.Globalization;
using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.Tests.Monetary;

public sealed class MinorUnitsTests
{
    private static Money Amount(string amount, string currency) =>
        new(decimal.Parse(amount, CultureInfo.InvariantCulture), CurrencyCode.Parse(currency));

    [Theory]
    [InlineData("12.34", "EUR", 1234)]
    [InlineData("0.01", "USD", 1)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("35000", "KRW", 35000)]
    [InlineData("1.234", "KWD", 1234)]
    [InlineData("99.90", "BRL", 9990)]
    public void Amounts_become_whole_minor_units_of_their_currency(string amount, string currency, long expected) =>
        Amount(amount, currency).ToMinorUnits().ShouldBe(expected);

    [Theory]
    [InlineData(1234, "EUR", "12.34")]
    [InlineData(1500, "JPY", "1500")]
    [InlineData(1234, "KWD", "1.234")]
    [InlineData(5, "GBP", "0.05")]
    public void Minor_units_read_back_as_the_same_amount(long minor, string currency, string expected)
    {
        var money = MinorUnits.FromMinorUnits(minor, CurrencyCode.Parse(currency));

        money.ShouldBe(Amount(expected, currency));
        money.ToMinorUnits().ShouldBe(minor);
    }

    [Fact]
    public void A_yen_amount_is_not_multiplied_by_a_hundred() =>
        Amount("1980", "JPY").ToMinorUnits().ShouldBe(1980);

    [Theory]
    [InlineData("12.345", "EUR")]
    [InlineData("1500.5", "JPY")]
    public void An_amount_finer_than_the_currency_is_refused_not_rounded(string amount, string currency) =>
        Should.Throw<ArgumentException>(() => Amount(amount, currency).ToMinorUnits());
}

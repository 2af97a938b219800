using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.Tests.Monetary;

public sealed class CurrencyCodeTests
{
    [Theory]
    [InlineData("EUR", "EUR")]
    [InlineData("eur", "EUR")]
    [InlineData("Jpy", "JPY")]
    [InlineData("kwd", "KWD")]
    public void Known_codes_parse_in_any_case(string text, string expected) =>
        CurrencyCode.Parse(text).Value.ShouldBe(expected);

    [Theory]
    [InlineData("ABC")]
    [InlineData("XXX")]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("")]
    [InlineData(" EUR")]
    public void Unknown_codes_are_rejected(string text)
    {
        CurrencyCode.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => CurrencyCode.Parse(text));
    }

    [Fact]
    public void Null_is_rejected() => CurrencyCode.TryParse(null, out _).ShouldBeFalse();

    // ISO 4217 list one: JPY, KRW and VND have no minor unit; IDR has 2 although prices are shown whole.
    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("VND", 0)]
    [InlineData("IDR", 2)]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    public void Minor_units_follow_ISO_4217(string code, int minorUnits) =>
        CurrencyCode.Parse(code).MinorUnits.ShouldBe(minorUnits);
}

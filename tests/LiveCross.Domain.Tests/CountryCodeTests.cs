namespace LiveCross.Domain.Tests;

public sealed class CountryCodeTests
{
    [Theory]
    [InlineData("DE", "DE")]
    [InlineData("de", "DE")]
    [InlineData("Jp", "JP")]
    [InlineData("VN", "VN")]
    public void ISO_3166_alpha_2_codes_parse_in_any_case(string text, string expected) =>
        CountryCode.Parse(text).Value.ShouldBe(expected);

    [Theory]
    [InlineData("XX")]
    [InlineData("D")]
    [InlineData("DEU")]
    [InlineData("")]
    [InlineData("D1")]
    public void Other_codes_are_rejected(string text)
    {
        CountryCode.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => CountryCode.Parse(text));
    }

    [Fact]
    public void Null_is_rejected() => CountryCode.TryParse(null, out _).ShouldBeFalse();
}

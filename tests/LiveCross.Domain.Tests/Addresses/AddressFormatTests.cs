using LiveCross.Domain.Addresses;

namespace LiveCross.Domain.Tests.Addresses;

public sealed class AddressFormatTests
{
    private static AddressFormat Of(string country)
    {
        AddressFormat.TryGet(country, out var format).ShouldBeTrue(country);
        return format;
    }

    [Fact]
    public void Every_market_LiveCross_ships_to_has_an_address_format()
    {
        string[] markets = ["DE", "FR", "IT", "ES", "NL", "PL", "IE", "GB", "US", "CA", "AU", "NZ", "JP", "KR", "SG", "MY", "ID", "TH", "VN", "PH", "SA", "AE", "BR", "MX"];

        AddressFormat.Countries.ShouldBe(markets, ignoreOrder: true);
        foreach (var market in markets)
        {
            var format = Of(market);
            if (format.PostalExample.Length > 0) format.NormalizePostalCode(format.PostalExample).ShouldBe(format.PostalExample, market);
        }
    }

    [Theory]
    [InlineData("DE", "10115", "10115")]
    [InlineData("FR", "75008", "75008")]
    [InlineData("ES", "28013", "28013")]
    [InlineData("NL", "1012ab", "1012 AB")]
    [InlineData("NL", "3012sb", "3012 SB")]
    [InlineData("PL", "00950", "00-950")]
    [InlineData("IE", "d02x285", "D02 X285")]
    [InlineData("GB", "sw1a1aa", "SW1A 1AA")]
    [InlineData("GB", "M1 1AE", "M1 1AE")]
    [InlineData("GB", "EC1A 1BB", "EC1A 1BB")]
    [InlineData("US", "94105", "94105")]
    [InlineData("US", "94105-1234", "94105-1234")]
    [InlineData("US", "941051234", "94105-1234")]
    [InlineData("CA", "k1a0b1", "K1A 0B1")]
    [InlineData("AU", "2000", "2000")]
    [InlineData("JP", "1000005", "100-0005")]
    [InlineData("JP", "100-0005", "100-0005")]
    [InlineData("SG", "018956", "018956")]
    [InlineData("BR", "01310100", "01310-100")]
    [InlineData("BR", "01310-100", "01310-100")]
    [InlineData("MX", "06500", "06500")]
    [InlineData("SA", "11564", "11564")]
    public void Postal_codes_are_accepted_and_written_as_the_post_writes_them(string country, string input, string expected) =>
        Of(country).NormalizePostalCode(input).ShouldBe(expected);

    [Theory]
    [InlineData("DE", "1011")]
    [InlineData("DE", "101155")]
    [InlineData("ES", "53001")]
    [InlineData("NL", "0123 AB")]
    [InlineData("NL", "1012 SA")]
    [InlineData("GB", "SW1A")]
    [InlineData("GB", "QQ1 1AA")]
    [InlineData("US", "9410")]
    [InlineData("CA", "D1A 0B1")]
    [InlineData("AU", "20000")]
    [InlineData("JP", "12-3456")]
    [InlineData("BR", "1310-100")]
    [InlineData("SG", "01895")]
    public void Postal_codes_in_another_format_are_refused(string country, string input) =>
        Of(country).NormalizePostalCode(input).ShouldBeNull();

    [Fact]
    public void A_postal_code_is_required_where_the_post_needs_one_and_optional_where_it_does_not()
    {
        Of("DE").NormalizePostalCode("").ShouldBeNull();
        Of("IE").NormalizePostalCode("").ShouldBe("");
        Of("AE").NormalizePostalCode(" ").ShouldBe("");
        Of("VN").NormalizePostalCode(null).ShouldBe("");
    }

    [Theory]
    [InlineData("US")]
    [InlineData("CA")]
    [InlineData("AU")]
    [InlineData("BR")]
    [InlineData("MX")]
    [InlineData("AE")]
    [InlineData("JP")]
    public void Countries_whose_addresses_name_a_region_require_one(string country) =>
        Of(country).NormalizeRegion("").ShouldBeNull();

    [Theory]
    [InlineData("CA", "on", "ON")]
    [InlineData("CA", "Quebec", "QC")]
    [InlineData("CA", "CA-BC", "BC")]
    [InlineData("BR", "sp", "SP")]
    [InlineData("BR", "Rio de Janeiro", "RJ")]
    [InlineData("MX", "CMX", "CMX")]
    [InlineData("US", "New York", "NY")]
    [InlineData("AU", "nsw", "NSW")]
    [InlineData("JP", "東京都", "東京都")]
    [InlineData("DE", "Bayern", "Bayern")]
    public void Regions_are_taken_by_code_or_name_and_kept_as_their_code(string country, string input, string expected) =>
        Of(country).NormalizeRegion(input).ShouldBe(expected);

    [Theory]
    [InlineData("CA", "XX")]
    [InlineData("BR", "Lisboa")]
    [InlineData("US", "Ontario")]
    public void A_region_that_is_not_on_the_countrys_list_is_refused(string country, string input) =>
        Of(country).NormalizeRegion(input).ShouldBeNull();

    [Fact]
    public void Canada_lists_its_thirteen_provinces_and_territories_and_Brazil_its_twenty_seven_states()
    {
        Of("CA").Regions.Count.ShouldBe(13);
        Of("BR").Regions.Count.ShouldBe(27);
        Of("MX").Regions.Count.ShouldBe(32);
    }

    [Fact]
    public void A_country_LiveCross_does_not_ship_to_has_no_format()
    {
        AddressFormat.TryGet("CN", out _).ShouldBeFalse();
        AddressFormat.TryGet(null, out _).ShouldBeFalse();
    }
}

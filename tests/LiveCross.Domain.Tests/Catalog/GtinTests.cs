using LiveCross.Domain.Catalog;

namespace LiveCross.Domain.Tests.Catalog;

// GS1 mod-10, worked by hand: weight the data digits 3,1,3,1… from the right, sum, and the check digit
// brings the sum up to the next multiple of ten.
public sealed class GtinTests
{
    [Theory]
    // GTIN-8 (EAN-8) 9638507|4: 7·3+0+5·3+8+3·3+6+9·3 = 86 → 4
    [InlineData("96385074")]
    // UPC-A 03600029145|2: 5·3+4+1·3+9+2·3+0+0·3+0+6·3+3+0·3 = 58 → 2
    [InlineData("036000291452")]
    // EAN-13 400638133393|1 (a Stabilo pen): 3·3+9+3·3+3+3·3+1+8·3+3+6·3+0+0·3+4 = 89 → 1
    [InlineData("4006381333931")]
    // ISBN-13 978030640615|7: 5·3+1+6·3+0+4·3+6+0·3+3+0·3+8+7·3+9 = 93 → 7
    [InlineData("9780306406157")]
    // EAN-13 501234567890|0 (GS1 UK's example): 0·3+9+8·3+7+6·3+5+4·3+3+2·3+1+0·3+5 = 90 → 0
    [InlineData("5012345678900")]
    // GTIN-14 1400638133393|8, a case of the pen above: 89 + 1·3 (indicator digit) = 92 → 8
    [InlineData("14006381333938")]
    public void Numbers_of_each_GTIN_length_with_the_right_check_digit_are_accepted(string text)
    {
        Gtin.TryParse(text, out var gtin, out var error).ShouldBeTrue(error);
        gtin.Digits.ShouldBe(text);
        error.ShouldBeNull();
    }

    [Fact]
    public void Surrounding_spaces_are_ignored()
    {
        Gtin.TryParse(" 4006381333931 ", out var gtin, out _).ShouldBeTrue();
        gtin.Digits.ShouldBe("4006381333931");
    }

    [Theory]
    [InlineData("96385075")]
    [InlineData("036000291453")]
    [InlineData("4006381333932")]
    [InlineData("4006381333913")] // last two digits swapped
    [InlineData("14006381333931")]
    public void A_wrong_check_digit_is_rejected(string text)
    {
        Gtin.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe("The GTIN's check digit is wrong.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("9638507")]                 // 7
    [InlineData("400638133")]               // 9
    [InlineData("40063813339")]             // 11
    [InlineData("140063813339381")]         // 15
    [InlineData("400638133393A")]
    [InlineData("4006-381333931")]
    [InlineData(null)]
    public void Wrong_lengths_and_non_digits_are_rejected(string? text)
    {
        Gtin.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe("A GTIN has 8, 12, 13 or 14 digits.");
    }

    [Theory]
    [InlineData("400638133393", 1)]
    [InlineData("03600029145", 2)]
    [InlineData("9638507", 4)]
    [InlineData("501234567890", 0)]
    [InlineData("1400638133393", 8)]
    public void Check_digit_is_the_GS1_mod_10_of_the_data_digits(string data, int checkDigit) =>
        Gtin.CheckDigit(data).ShouldBe(checkDigit);
}

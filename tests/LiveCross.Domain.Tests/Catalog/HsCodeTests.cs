using LiveCross.Domain.Catalog;

namespace LiveCross.Domain.Tests.Catalog;

public sealed class HsCodeTests
{
    [Theory]
    [InlineData("610910", "610910")]                // cotton T-shirts, the international 6 digits
    [InlineData("61091000", "61091000")]            // with 2 national digits (EU CN)
    [InlineData("8517130000", "8517130000")]        // smartphones with 4 national digits
    [InlineData("6109.10.00", "61091000")]
    [InlineData("6109 10 00", "61091000")]
    [InlineData("010121", "010121")]                // chapter 01, the first
    [InlineData("970121", "970121")]                // chapter 97, the last
    public void Codes_of_6_8_or_10_digits_are_accepted_without_their_separators(string text, string digits)
    {
        HsCode.TryParse(text, out var code, out var error).ShouldBeTrue(error);
        code.Digits.ShouldBe(digits);
        error.ShouldBeNull();
    }

    [Fact]
    public void Chapter_heading_and_subheading_are_the_leading_2_4_and_6_digits()
    {
        var code = HsCode.Parse("6109.10.00");
        code.Chapter.ShouldBe(61);
        code.Heading.ShouldBe("6109");
        code.Subheading.ShouldBe("610910");
    }

    [Theory]
    [InlineData("61091")]
    [InlineData("6109100")]
    [InlineData("61091000001")]
    [InlineData("123456789")]
    public void Codes_of_other_lengths_are_rejected(string text)
    {
        HsCode.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe("An HS code has 6, 8 or 10 digits.");
    }

    [Theory]
    [InlineData("6109A0")]
    [InlineData("61-09-10")]
    [InlineData("６１０９１０")] // full-width digits are not ASCII digits
    public void Codes_with_letters_or_other_characters_are_rejected(string text)
    {
        HsCode.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain("digits only");
    }

    // HS 2022 has chapters 01–97; 77 is reserved for future use, 98 and 99 for national use.
    [Theory]
    [InlineData("000000")]
    [InlineData("770000")]
    [InlineData("980000")]
    [InlineData("990000")]
    public void Codes_in_chapters_that_do_not_exist_are_rejected(string text)
    {
        HsCode.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain($"chapter {text[..2]}");
        Should.Throw<FormatException>(() => HsCode.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_missing_code_is_rejected(string? text)
    {
        HsCode.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe("An HS code is required.");
    }
}

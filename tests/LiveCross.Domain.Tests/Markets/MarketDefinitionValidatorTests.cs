using LiveCross.Domain.Markets;

namespace LiveCross.Domain.Tests.Markets;

public sealed class MarketDefinitionValidatorTests
{
    private static readonly MarketDefinition Germany = MarketDefinitionBuilder.Germany();

    private static IEnumerable<string> FieldsWrongIn(MarketDefinition market, string? expectedCode = null) =>
        MarketDefinitionValidator.Validate(market, expectedCode).Select(e => e.Field);

    [Fact]
    public void A_valid_definition_has_no_errors()
    {
        MarketDefinitionValidator.Validate(MarketDefinitionBuilder.Germany(), "DE").ShouldBeEmpty();
        MarketDefinitionValidator.Validate(MarketDefinitionBuilder.Japan(), "JP").ShouldBeEmpty();
    }

    [Fact]
    public void A_code_that_does_not_match_the_file_name_is_named()
    {
        var error = MarketDefinitionValidator.Validate(Germany, "FR").ShouldHaveSingleItem();
        error.Field.ShouldBe("code");
        error.Message.ShouldContain("FR");
    }

    [Theory]
    [InlineData("de")]
    [InlineData("XX")]
    [InlineData("DEU")]
    [InlineData("")]
    public void A_code_that_is_not_an_upper_case_country_code_is_named(string code) =>
        FieldsWrongIn(Germany with { Code = code }).ShouldBe(["code"]);

    [Theory]
    [InlineData("EUX")]
    [InlineData("eur")]
    [InlineData("EURO")]
    public void An_unknown_currency_is_named(string currency) =>
        FieldsWrongIn(Germany with { Currency = currency }).ShouldBe(["currency"]);

    [Fact]
    public void Minor_units_that_disagree_with_ISO_4217_are_named()
    {
        var error = MarketDefinitionValidator.Validate(MarketDefinitionBuilder.Japan() with { CurrencyMinorUnits = 2 }).ShouldHaveSingleItem();
        error.Field.ShouldBe("currencyMinorUnits");
        error.Message.ShouldContain("JPY has 0 minor units");
    }

    [Fact]
    public void A_missing_English_name_is_named() =>
        FieldsWrongIn(Germany with { Names = new() { ["de"] = "Deutschland" } }).ShouldBe(["names.en"]);

    [Fact]
    public void A_blank_English_name_is_named() =>
        FieldsWrongIn(Germany with { Names = new() { ["en"] = " ", ["de"] = "Deutschland" } }).ShouldContain("names.en");

    [Fact]
    public void An_unknown_locale_is_named_with_its_position() =>
        FieldsWrongIn(Germany with { Locales = ["de-DE", "qq-ZZ"] }).ShouldBe(["locales[1]"]);

    [Fact]
    public void A_default_locale_outside_the_locales_is_named() =>
        FieldsWrongIn(Germany with { DefaultLocale = "fr-FR" }).ShouldBe(["defaultLocale"]);

    [Fact]
    public void A_locale_listed_twice_is_named() =>
        FieldsWrongIn(Germany with { Locales = ["de-DE", "en", "de-DE"] }).ShouldBe(["locales"]);

    [Fact]
    public void No_locales_at_all_is_named() =>
        FieldsWrongIn(Germany with { Locales = [] }).ShouldBe(["locales", "defaultLocale"]);

    [Theory]
    [InlineData("Europe/Atlantis")]
    [InlineData("")]
    public void An_unknown_time_zone_is_named(string timeZone) =>
        FieldsWrongIn(Germany with { TimeZone = timeZone }).ShouldBe(["timeZone"]);

    [Fact]
    public void A_holiday_date_listed_twice_is_named() =>
        FieldsWrongIn(Germany with
        {
            Holidays = [new(new DateOnly(2026, 12, 25), "Weihnachten"), new(new DateOnly(2026, 12, 25), "1. Weihnachtstag")],
        }).ShouldBe(["holidays"]);

    [Fact]
    public void An_empty_payment_method_key_is_named_with_its_position() =>
        FieldsWrongIn(Germany with { PaymentMethods = ["card", " "] }).ShouldBe(["paymentMethods[1]"]);

    [Fact]
    public void Every_broken_field_is_reported_not_just_the_first() =>
        FieldsWrongIn(Germany with { Currency = "EUX", TimeZone = "Mars/Olympus", PaymentMethods = [""] })
            .ShouldBe(["currency", "timeZone", "paymentMethods[0]"]);
}

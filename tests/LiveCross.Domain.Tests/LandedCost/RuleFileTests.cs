using LiveCross.Domain.LandedCost;

namespace LiveCross.Domain.Tests.LandedCost;

/// <summary>The shipped rule files load; a broken one is refused with the file, the entry and the field.</summary>
public sealed class RuleFileTests
{
    private static readonly string[] Markets = ["DE", "FR", "IT", "ES", "NL", "PL", "IE", "GB", "US", "CA", "AU", "NZ", "JP", "KR", "SG", "MY", "ID", "TH", "VN", "PH", "SA", "AE", "BR", "MX"];

    private static readonly string[] DemoHsCodes =
    [
        "420221", "621410", "621710", "610590", "610910", "620520", "611011", "620442", "620449", "620469", "620610", "330510", "851631", "330410", "330420",
        "330499", "340130", "460211", "691200", "732399", "851810", "851822", "851830", "761699", "847160", "847330", "392690", "850440", "850760", "854442",
        "852589", "853650", "853952", "902580", "851762",
    ];

    [Fact]
    public void Every_market_has_rules_in_force_today_and_a_tariff()
    {
        ShippedRules.Book.Markets.Select(m => m.Market).ShouldBe(Markets, ignoreOrder: true);
        foreach (var market in ShippedRules.Book.Markets)
        {
            market.InForceOn(new DateOnly(2026, 11, 24)).ShouldNotBeNull(market.Market);
            market.Tariff.Version.ShouldNotBeNullOrEmpty();
        }
    }

    [Fact]
    public void Demo_catalog_codes_have_plausible_rates_in_every_tariff()
    {
        foreach (var market in ShippedRules.Book.Markets)
            foreach (var hs in DemoHsCodes)
                market.Tariff.RatePercentFor(hs, out _).ShouldBeInRange(0m, 40m, $"{market.Market} {hs}");
        ShippedRules.Book.TryGet("DE", out var germany).ShouldBeTrue();
        germany.Tariff.RatePercentFor("851822", out var digits).ShouldBe(4.5m);
        digits.ShouldBe(6);
        germany.Tariff.RatePercentFor("6109100010", out digits).ShouldBe(12m);
        digits.ShouldBe(2);
    }

    [Fact]
    public void A_quote_for_a_day_before_any_rules_is_refused_on_the_date()
    {
        var error = Quote.For("DE").On("2019-01-01").Item("610910", 10m).Refused();
        error.Field.ShouldBe("date");
    }

    [Fact]
    public void An_unknown_region_is_refused_on_the_region()
    {
        Quote.For("CA").Region("XX").Item("610910", 10m).Refused().Field.ShouldBe("region");
    }

    [Fact]
    public void A_threshold_in_a_currency_without_a_rate_is_refused_on_the_exchange_rates()
    {
        Quote.For("KR").Item("851830", 10_000m).Refused().Field.ShouldBe("exchangeRates");
    }

    private static ImportRuleDataException Broken(string file, Func<string, string> edit)
    {
        var regimes = ShippedRules.Read("Regimes").Select(f => f.Name == file ? f with { Text = edit(f.Text) } : f).ToList();
        return Should.Throw<ImportRuleDataException>(() => ImportRuleFiles.Parse(regimes, ShippedRules.Read("Tariffs")));
    }

    [Fact]
    public void A_misspelt_field_names_the_file_the_entry_and_the_field()
    {
        var message = Broken("CA.json", t => t.Replace("\"standardRatePercent\": 5", "\"standardRatePrecent\": 5", StringComparison.Ordinal)).Message;
        message.ShouldStartWith("Import rule file CA.json: entry CA-2020-07-01: field tax.standardRatePrecent:");
    }

    [Fact]
    public void A_rate_out_of_range_in_a_later_entry_names_that_entry()
    {
        var message = Broken("CA.json", t => t.Replace("\"NS\": 14", "\"NS\": 140", StringComparison.Ordinal)).Message;
        message.ShouldBe("Import rule file CA.json: entry CA-2025-04-01: field tax.regionalRatesPercent.NS: Between 0 and 100.");
    }

    [Fact]
    public void Entries_out_of_date_order_are_refused()
    {
        var message = Broken("SG.json", t => t.Replace("\"validFrom\": \"2024-01-01\"", "\"validFrom\": \"2022-01-01\"", StringComparison.Ordinal)).Message;
        message.ShouldStartWith("Import rule file SG.json: field entries[1] (SG-2024-01-01).validFrom: 2022-01-01 must be after");
    }

    [Fact]
    public void A_medium_confidence_entry_without_a_decision_is_refused()
    {
        var message = Broken("TH.json", t => t.Replace("\"decision\"", "\"decided\"", StringComparison.Ordinal)).Message;
        message.ShouldContain("Import rule file TH.json: field entries[0] (TH-2024-07-05).decision:");
    }

    [Fact]
    public void Malformed_JSON_names_the_file_and_the_line()
    {
        Broken("JP.json", t => t.Replace("\"market\": \"JP\",", "\"market\": \"JP\"", StringComparison.Ordinal)).Message
            .ShouldStartWith("Import rule file JP.json: field (document) (line 3,");
    }
}

using LiveCross.Domain.LandedCost;

namespace LiveCross.Domain.Tests.LandedCost;

/// <summary>Worked examples for the EU members and the UK; expected amounts computed by hand in the comments.</summary>
public sealed class EuropeQuoteTests
{
    [Fact]
    public void Germany_under_IOSS_collects_VAT_on_goods_and_delivery_and_the_flat_duty_at_checkout()
    {
        // 2 × €20 + €5 shipping = €45; VAT 19% × 45 = 8.55. Since 2026-07-01: €3 for one subheading (6109.10), re-charged by the seller, no VAT on it.
        var quote = Quote.For("DE").Item("610910", 20.00m, 2).Shipping(5.00m).Registered("IOSS").Calculate();

        quote.ShouldCost(duty: 3.00m, tax: 8.55m, total: 56.55m);
        (quote.TaxAtCheckout.Amount, quote.DutyAtCheckout.Amount, quote.TaxAtBorder.Amount, quote.DutyAtBorder.Amount).ShouldBe((8.55m, 3.00m, 0m, 0m));
        quote.CollectedAt.ShouldBe(CollectionPoint.Checkout);
        quote.Scheme.ShouldBe("IOSS");
        quote.RuleVersion.ShouldBe("DE@2026-07-01");
        quote.RuleVersions.ShouldBe(["EU-2026-07-01", "DE-2021-07-01", "EU-CN-2026"]);
        quote.Lines[0].Text.ShouldBe("Consignment ≤ €150: German import VAT 19% collected at checkout under IOSS");
    }

    [Fact]
    public void Germany_before_the_2026_reform_has_no_duty_under_150_euros()
    {
        // 2026-06-30: duty relief ≤ €150; VAT 19% × 45 = 8.55.
        var quote = Quote.For("DE").On("2026-06-30").Item("610910", 20.00m, 2).Shipping(5.00m).Registered("IOSS").Calculate();

        quote.ShouldCost(duty: 0m, tax: 8.55m, total: 53.55m);
        quote.RuleVersion.ShouldBe("DE@2021-07-01");
        quote.Explains(QuoteLineCodes.DutyDeMinimis).ShouldBeTrue();
    }

    [Fact]
    public void Germany_at_exactly_150_euros_is_still_IOSS_and_one_cent_more_goes_to_the_border()
    {
        // At €150.00 (shipping €10 stated separately, so not in the intrinsic value): VAT 19% × 160 = 30.40; duty €3.
        Quote.For("DE").Item("610910", 150.00m).Shipping(10.00m).Registered("IOSS").Calculate()
            .ShouldCost(duty: 3.00m, tax: 30.40m, total: 193.40m);

        // At €150.01: no IOSS and no €3 regime. Duty 12% × CIF 160.01 = 19.2012 → 19.20;
        // VAT 19% × (160.01 + 19.2012) = 34.050128 → 34.05. Total 150.01 + 10 + 19.20 + 34.05 = 213.26, all at the border.
        var above = Quote.For("DE").Item("610910", 150.01m).Shipping(10.00m).Registered("IOSS").Calculate();
        above.ShouldCost(duty: 19.20m, tax: 34.05m, total: 213.26m);
        above.CollectedAt.ShouldBe(CollectionPoint.Border);
        above.Scheme.ShouldBe("none");
        above.Explains(QuoteLineCodes.SchemeOverThreshold).ShouldBeTrue();
    }

    [Fact]
    public void Germany_charges_3_euros_per_distinct_subheading_not_per_unit()
    {
        // T-shirts (6109.10) × 2 and headphones (8518.30): two subheadings → €6. VAT 19% × 70 = 13.30.
        Quote.For("DE").Item("610910", 20.00m, 2).Item("851830", 30.00m).Registered("IOSS").Calculate()
            .ShouldCost(duty: 6.00m, tax: 13.30m, total: 89.30m);
        // Five identical T-shirts: still one subheading.
        Quote.For("DE").Item("610910", 10.00m, 5).Registered("IOSS").Calculate().Duty.Amount.ShouldBe(3.00m);
    }

    [Fact]
    public void Germany_without_IOSS_collects_VAT_on_the_flat_duty_at_the_border()
    {
        // VAT 19% × (45 + €3 duty) = 9.12; both at the border.
        var quote = Quote.For("DE").Item("610910", 20.00m, 2).Shipping(5.00m).Calculate();

        quote.ShouldCost(duty: 3.00m, tax: 9.12m, total: 57.12m);
        quote.CollectedAt.ShouldBe(CollectionPoint.Border);
        quote.Explains(QuoteLineCodes.SellerNotRegistered).ShouldBeTrue();
    }

    [Fact]
    public void Germany_business_buyer_is_not_under_IOSS()
    {
        var quote = Quote.For("DE").Item("610910", 20.00m, 2).Shipping(5.00m).Registered("IOSS").Business().Calculate();

        quote.ShouldCost(duty: 3.00m, tax: 9.12m, total: 57.12m);
        quote.CollectedAt.ShouldBe(CollectionPoint.Border);
    }

    [Fact]
    public void Germany_food_takes_the_reduced_rate()
    {
        // Biscuits (1905.31) €10: VAT 7% = 0.70; €3 duty.
        Quote.For("DE").Item("190531", 10.00m).Registered("IOSS").Calculate().ShouldCost(duty: 3.00m, tax: 0.70m, total: 13.70m);
    }

    [Fact]
    public void France_adds_its_parcel_fee_per_line_from_March_2026_outside_the_total()
    {
        // 3 T-shirts at €10 and headphones at €20: VAT 20% × 50 = 10.00; €3 × 2 subheadings = 6.00; fee €2 × 2 lines = 4.00, not in the total.
        var quote = Quote.For("FR").Item("610910", 10.00m, 3).Item("851830", 20.00m).Registered("IOSS").Calculate();
        quote.ShouldCost(duty: 6.00m, tax: 10.00m, total: 66.00m);
        quote.Fees.ShouldHaveSingleItem().Amount.Amount.ShouldBe(4.00m);
        quote.Fees[0].Code.ShouldBe("FR-LOW-VALUE-PARCEL");

        var february = Quote.For("FR").On("2026-02-15").Item("610910", 10.00m, 3).Item("851830", 20.00m).Registered("IOSS").Calculate();
        february.ShouldCost(duty: 0m, tax: 10.00m, total: 60.00m);
        february.Fees.ShouldBeEmpty();
    }

    [Fact]
    public void Italy_shows_its_consignment_contribution_by_its_dated_status()
    {
        // €50 goods: VAT 22% = 11.00. The €2 contribution: in force 2026-01-01, postponed 2026-03-12, shown again from 2026-07-01.
        Quote.For("IT").On("2026-01-15").Item("851830", 50.00m).Registered("IOSS").Calculate().Fees.Single().Amount.Amount.ShouldBe(2.00m);
        Quote.For("IT").On("2026-04-01").Item("851830", 50.00m).Registered("IOSS").Calculate().Fees.ShouldBeEmpty();
        var now = Quote.For("IT").Item("851830", 50.00m).Registered("IOSS").Calculate();
        now.ShouldCost(duty: 3.00m, tax: 11.00m, total: 64.00m);
        now.Fees.Single().Amount.Amount.ShouldBe(2.00m);
    }

    [Fact]
    public void Spain_charges_21_percent_under_IOSS()
    {
        // €100 T-shirt: VAT 21.00, duty €3.
        Quote.For("ES").Item("610910", 100.00m).Registered("IOSS").Calculate().ShouldCost(duty: 3.00m, tax: 21.00m, total: 124.00m);
    }

    [Fact]
    public void Netherlands_taxes_coffee_at_9_percent()
    {
        // Coffee (0901.21) €40: VAT 9% = 3.60; €3 duty.
        Quote.For("NL").Item("090121", 40.00m).Registered("IOSS").Calculate().ShouldCost(duty: 3.00m, tax: 3.60m, total: 46.60m);
    }

    [Fact]
    public void Poland_converts_the_150_euro_threshold_into_zloty_with_the_given_rate()
    {
        // €150 × 4.25 = 637.50 PLN. At 637.50: IOSS, VAT 23% × 637.50 = 146.625 → 146.63; €3 = 12.75 PLN.
        Quote.For("PL").Item("610910", 637.50m).Rate("EUR", "PLN", 4.25m).Registered("IOSS").Calculate()
            .ShouldCost(duty: 12.75m, tax: 146.63m, total: 796.88m);
        // At 637.51: border. Duty 12% × 637.51 = 76.5012 → 76.50; VAT 23% × 714.0112 = 164.222576 → 164.22.
        Quote.For("PL").Item("610910", 637.51m).Rate("EUR", "PLN", 4.25m).Registered("IOSS").Calculate()
            .ShouldCost(duty: 76.50m, tax: 164.22m, total: 878.23m);
    }

    [Fact]
    public void Ireland_zero_rates_books()
    {
        Quote.For("IE").Item("490199", 30.00m).Registered("IOSS").Calculate().ShouldCost(duty: 3.00m, tax: 0m, total: 33.00m);
    }

    [Fact]
    public void United_Kingdom_seller_charges_VAT_at_checkout_up_to_135_pounds()
    {
        // 2 × £20 + £5: VAT 20% × 45 = 9.00; duty relief ≤ £135.
        var quote = Quote.For("GB").Item("610910", 20.00m, 2).Shipping(5.00m).Registered("UK-VAT").Calculate();
        quote.ShouldCost(duty: 0m, tax: 9.00m, total: 54.00m);
        quote.Scheme.ShouldBe("UK-VAT");
        quote.CollectedAt.ShouldBe(CollectionPoint.Checkout);
    }

    [Fact]
    public void United_Kingdom_threshold_at_135_pounds_exactly_and_one_penny_above()
    {
        // £135.00 + £10 shipping: VAT 20% × 145 = 29.00 at checkout.
        Quote.For("GB").Item("610910", 135.00m).Shipping(10.00m).Registered("UK-VAT").Calculate().ShouldCost(duty: 0m, tax: 29.00m, total: 174.00m);
        // £135.01: duty 12% × 145.01 = 17.4012 → 17.40; VAT 20% × (145.01 + 17.4012) = 32.48224 → 32.48; at the border.
        var above = Quote.For("GB").Item("610910", 135.01m).Shipping(10.00m).Registered("UK-VAT").Calculate();
        above.ShouldCost(duty: 17.40m, tax: 32.48m, total: 194.89m);
        above.CollectedAt.ShouldBe(CollectionPoint.Border);
    }

    [Fact]
    public void United_Kingdom_shipping_stated_separately_is_left_out_of_the_threshold_but_included_shipping_is_not()
    {
        // £130 + £10 stated separately: intrinsic £130 ≤ £135 → VAT at checkout 20% × 140 = 28.00.
        Quote.For("GB").Item("610910", 130.00m).Shipping(10.00m).Registered("UK-VAT").Calculate().CollectedAt.ShouldBe(CollectionPoint.Checkout);
        // The same £140 with shipping included in the price: intrinsic £140 > £135 → border.
        Quote.For("GB").Item("610910", 140.00m).Registered("UK-VAT").Calculate().CollectedAt.ShouldBe(CollectionPoint.Border);
    }

    [Fact]
    public void United_Kingdom_business_buyer_is_reverse_charged()
    {
        var quote = Quote.For("GB").Item("610910", 20.00m, 2).Shipping(5.00m).Registered("UK-VAT").Business().Calculate();
        quote.ShouldCost(duty: 0m, tax: 0m, total: 45.00m);
        quote.Explains(QuoteLineCodes.ReverseCharge).ShouldBeTrue();
    }
}

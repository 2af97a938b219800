using LiveCross.Domain.LandedCost;

namespace LiveCross.Domain.Tests.LandedCost;

/// <summary>Worked examples for AU, NZ, JP, KR, SG, MY, ID, TH, VN, PH, SA, AE.</summary>
public sealed class AsiaPacificQuoteTests
{
    [Fact]
    public void Australia_charges_GST_at_checkout_on_items_up_to_1000_dollars_including_delivery()
    {
        // 2 × A$400 + A$150 = 950, shipping 20: GST 10% × 970 = 97.00 at checkout; no border charges ≤ A$1,000.
        var quote = Quote.For("AU").Item("610910", 400.00m, 2).Item("851830", 150.00m).Shipping(20.00m).Registered("AU-GST").Calculate();
        quote.ShouldCost(duty: 0m, tax: 97.00m, total: 1067.00m);
        (quote.Scheme, quote.CollectedAt).ShouldBe(("AU-GST", CollectionPoint.Checkout));
    }

    [Fact]
    public void Australia_consignment_above_1000_dollars_is_taxed_at_the_border_even_when_each_item_is_below()
    {
        // Items A$600 + A$500 = 1,100 > 1,000: duty 5% FOB × 1,100 = 55.00; GST 10% × (1,100 + 20 + 55) = 117.50.
        var quote = Quote.For("AU").Item("610910", 600.00m).Item("610910", 500.00m).Shipping(20.00m).Registered("AU-GST").Calculate();
        quote.ShouldCost(duty: 55.00m, tax: 117.50m, total: 1292.50m);
        quote.CollectedAt.ShouldBe(CollectionPoint.Border);
        quote.Explains(QuoteLineCodes.SchemeConsignmentCeiling).ShouldBeTrue();
    }

    [Fact]
    public void New_Zealand_item_scheme_covers_items_in_a_larger_parcel_and_the_border_taxes_only_their_duty()
    {
        // Items NZ$600 (T-shirt) + NZ$500 (headphones), shipping 30: both ≤ NZ$1,000 → GST 15% × 1,130 = 169.50 at checkout.
        // Consignment 1,100 > 1,000: duty FOB 10% × 600 = 60.00 (headphones 0%); border GST only on that duty: 15% × 60 = 9.00.
        var quote = Quote.For("NZ").Item("610910", 600.00m).Item("851830", 500.00m).Shipping(30.00m).Registered("NZ-GST").Calculate();
        quote.ShouldCost(duty: 60.00m, tax: 178.50m, total: 1368.50m);
        (quote.TaxAtCheckout.Amount, quote.TaxAtBorder.Amount, quote.CollectedAt).ShouldBe((169.50m, 9.00m, CollectionPoint.Mixed));
    }

    [Fact]
    public void Japan_reproduces_Customs_Answer_1111()
    {
        // Customs Answer 1111: A CIF ¥534,795 at 14%, standard rate; B CIF ¥126,258 at 14%, reduced (food) rate.
        // Duty: 534,000 × 0.14 = 74,760; 126,000 × 0.14 = 17,640; total 92,400.
        // National tax: 609,000 × 7.8% = 47,502; 143,000 × 6.24% = 8,923; total 56,425 → 56,400.
        // Local tax: 47,500 × 22/78 = 13,397; 8,900 × 22/78 = 2,510; total 15,907 → 15,900. Tax 72,300.
        // Business buyer, so the personal-use valuation does not apply.
        var quote = Quote.For("JP").Item("610910", 534_795m, dutyRate: 14m).Item("190590", 126_258m, dutyRate: 14m).Business().Calculate();
        quote.ShouldCost(duty: 92_400m, tax: 72_300m, total: 825_753m);
        quote.CollectedAt.ShouldBe(CollectionPoint.Border);
    }

    [Fact]
    public void Japan_personal_use_valuation_and_the_10000_yen_exemption()
    {
        // ¥15,000 retail × 0.6 = 9,000 + ¥1,000 shipping = 10,000 ≤ 10,000: free.
        Quote.For("JP").Item("610910", 15_000m).Shipping(1_000m).Calculate().ShouldCost(duty: 0m, tax: 0m, total: 16_000m);
        // ¥15,010 × 0.6 = 9,006 + 1,000 = 10,006: duty 10% × 10,000 = 1,000; national 7.8% × 11,000 = 858 → 800;
        // local 800 × 22/78 = 225 → 200. Tax 1,000. Total 15,010 + 1,000 + 1,000 + 1,000.
        var taxed = Quote.For("JP").Item("610910", 15_010m).Shipping(1_000m).Calculate();
        taxed.ShouldCost(duty: 1_000m, tax: 1_000m, total: 18_010m);
        taxed.Explains(QuoteLineCodes.PersonalUseValuation).ShouldBeTrue();
    }

    [Fact]
    public void Korea_threshold_in_dollars_and_amounts_under_10_won_dropped()
    {
        // US$150 × 1,400 = ₩210,000: exempt.
        Quote.For("KR").Item("851830", 210_000m).Rate("USD", "KRW", 1400m).Calculate().ShouldCost(duty: 0m, tax: 0m, total: 210_000m);
        // ₩210,001: duty 8% × 210,001 = 16,800.08 → 16,800; VAT 10% × 226,801.08 = 22,680.108 → 22,680.
        Quote.For("KR").Item("851830", 210_001m).Rate("USD", "KRW", 1400m).Calculate().ShouldCost(duty: 16_800m, tax: 22_680m, total: 249_481m);
        // From the US the threshold is US$200 = ₩280,000.
        Quote.For("KR").ShipFrom("US").Item("851830", 280_000m, origin: "US").Rate("USD", "KRW", 1400m).Calculate().Total.Amount.ShouldBe(280_000m);
    }

    [Fact]
    public void Singapore_OVR_charges_every_item_up_to_400_even_in_a_bigger_parcel()
    {
        // S$300 + S$250, free shipping: both ≤ S$400 → GST 9% × 550 = 49.50 at checkout; nothing at the border.
        var quote = Quote.For("SG").Item("610910", 300.00m).Item("851830", 250.00m).Registered("SG-GST").Calculate();
        quote.ShouldCost(duty: 0m, tax: 49.50m, total: 599.50m);
        quote.CollectedAt.ShouldBe(CollectionPoint.Checkout);
        // S$450 + S$100: the S$100 item at checkout (9.00); CIF 550 > 400, so the S$450 item pays 9% = 40.50 at the border.
        var mixed = Quote.For("SG").Item("610910", 450.00m).Item("851830", 100.00m).Registered("SG-GST").Calculate();
        (mixed.TaxAtCheckout.Amount, mixed.TaxAtBorder.Amount, mixed.CollectedAt).ShouldBe((9.00m, 40.50m, CollectionPoint.Mixed));
        mixed.Explains(QuoteLineCodes.SchemeItemsOver).ShouldBeTrue();
    }

    [Fact]
    public void Singapore_GST_went_from_8_to_9_percent_on_2024_01_01()
    {
        Quote.For("SG").On("2023-12-31").Item("610910", 100.00m).Registered("SG-GST").Calculate().Tax.Amount.ShouldBe(8.00m);
        Quote.For("SG").On("2024-01-01").Item("610910", 100.00m).Registered("SG-GST").Calculate().Tax.Amount.ShouldBe(9.00m);
    }

    [Fact]
    public void Malaysia_LVG_is_on_the_goods_price_only()
    {
        // 2 × RM200, RM20 shipping: sales tax 10% × 400 = 40.00 (shipping not in the base); CIF 420 ≤ 500, nothing at the border.
        Quote.For("MY").Item("851830", 200.00m, 2).Shipping(20.00m).Registered("MY-LVG").Calculate().ShouldCost(duty: 0m, tax: 40.00m, total: 460.00m);
        // One RM600 item: not LVG; CIF 600 > 500 → sales tax 10% × 600 = 60.00 at the border (headphones duty 0%).
        Quote.For("MY").Item("851830", 600.00m).Registered("MY-LVG").Calculate().ShouldCost(duty: 0m, tax: 60.00m, total: 660.00m);
    }

    [Fact]
    public void Indonesia_flat_7_5_percent_on_FOB_between_3_and_1500_dollars()
    {
        // US$50 = IDR 800,000 FOB: duty 7.5% = 60,000; VAT 11% × (800,000 + 100,000 + 60,000) = 105,600.
        Quote.For("ID").Item("851830", 800_000m).Shipping(100_000m).Rate("USD", "IDR", 16_000m).Calculate().ShouldCost(duty: 60_000m, tax: 105_600m, total: 1_065_600m);
        // US$3 = IDR 48,000: duty-free, VAT 11% = 5,280.
        Quote.For("ID").Item("851830", 48_000m).Rate("USD", "IDR", 16_000m).Calculate().ShouldCost(duty: 0m, tax: 5_280m, total: 53_280m);
        // Apparel is outside the flat rate: 25% × CIF 900,000 = 225,000; VAT 11% × 1,125,000 = 123,750.
        Quote.For("ID").Item("610910", 800_000m).Shipping(100_000m).Rate("USD", "IDR", 16_000m).Calculate().ShouldCost(duty: 225_000m, tax: 123_750m, total: 1_248_750m);
    }

    [Fact]
    public void Thailand_duty_exemption_ends_on_2026_01_01()
    {
        // CIF THB 1,100 (1,000 + 100): 2025-12-31 duty-free, VAT 7% = 77.00.
        Quote.For("TH").On("2025-12-31").Item("851830", 1_000.00m).Shipping(100.00m).Calculate().ShouldCost(duty: 0m, tax: 77.00m, total: 1_177.00m);
        // 2026-01-01: duty 10% × 1,100 = 110; VAT 7% × 1,210 = 84.70.
        Quote.For("TH").On("2026-01-01").Item("851830", 1_000.00m).Shipping(100.00m).Calculate().ShouldCost(duty: 110.00m, tax: 84.70m, total: 1_294.70m);
    }

    [Fact]
    public void Vietnam_VAT_8_percent_until_the_end_of_2026_and_no_express_exemption_since_February_2025()
    {
        // VND 550,000 CIF: VAT 8% = 44,000 (headphones duty 0%); whole dong.
        Quote.For("VN").Item("851830", 500_000m).Shipping(50_000m).Calculate().ShouldCost(duty: 0m, tax: 44_000m, total: 594_000m);
        Quote.For("VN").On("2027-01-02").Item("851830", 500_000m).Shipping(50_000m).Calculate().Tax.Amount.ShouldBe(55_000m);
        Quote.For("VN").On("2025-02-17").Item("851830", 500_000m).Shipping(50_000m).Calculate().ShouldCost(duty: 0m, tax: 0m, total: 550_000m);
    }

    [Fact]
    public void Philippines_de_minimis_is_tested_on_FOB_since_May_2025()
    {
        // FOB PHP 10,000 + 500 shipping: exempt.
        Quote.For("PH").Item("610910", 10_000.00m).Shipping(500.00m).Calculate().ShouldCost(duty: 0m, tax: 0m, total: 10_500.00m);
        // PHP 10,000.01: duty 15% × CIF 10,500.01 = 1,575.0015 → 1,575.00; VAT 12% × 12,075.0115 = 1,449.0014 → 1,449.00.
        Quote.For("PH").Item("610910", 10_000.01m).Shipping(500.00m).Calculate().ShouldCost(duty: 1_575.00m, tax: 1_449.00m, total: 13_524.01m);
        // Before CAO 02-2025 the test was on CIF: 10,500 > 10,000 → taxed.
        Quote.For("PH").On("2025-05-06").Item("610910", 10_000.00m).Shipping(500.00m).Calculate().Duty.Amount.ShouldBe(1_575.00m);
    }

    [Fact]
    public void Saudi_Arabia_duty_only_under_1000_riyals_including_shipping_and_VAT_always()
    {
        // 900 + 99.99 = 999.99 < 1,000: no duty; VAT 15% × 999.99 = 149.9985 → 150.00.
        Quote.For("SA").Item("851830", 900.00m).Shipping(99.99m).Calculate().ShouldCost(duty: 0m, tax: 150.00m, total: 1_149.99m);
        // Exactly 1,000 is not "under": duty 5% × 1,000 = 50; VAT 15% × 1,050 = 157.50.
        Quote.For("SA").Item("851830", 900.00m).Shipping(100.00m).Calculate().ShouldCost(duty: 50.00m, tax: 157.50m, total: 1_207.50m);
    }

    [Fact]
    public void United_Arab_Emirates_duty_above_300_dirhams_with_the_admin_fee_apart()
    {
        Quote.For("AE").Item("610910", 300.00m).Calculate().ShouldCost(duty: 0m, tax: 15.00m, total: 315.00m);
        // AED 300.01: duty 5% = 15.0005 → 15.00; VAT 5% × 315.0105 = 15.750525 → 15.75; admin fee AED 65 apart.
        var above = Quote.For("AE").Item("610910", 300.01m).Calculate();
        above.ShouldCost(duty: 15.00m, tax: 15.75m, total: 330.76m);
        above.Fees.Single().Amount.Amount.ShouldBe(65.00m);
    }
}

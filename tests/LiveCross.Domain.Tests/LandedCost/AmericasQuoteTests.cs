using LiveCross.Domain.LandedCost;

namespace LiveCross.Domain.Tests.LandedCost;

/// <summary>Worked examples for US, CA, BR, MX.</summary>
public sealed class AmericasQuoteTests
{
    private static Quote ThreeChineseItems(string market = "US") =>
        Quote.For(market).Item("851830", 30.00m, 2).Item("610910", 20.00m).Item("854442", 10.00m).Shipping(8.00m);

    [Fact]
    public void United_States_has_no_de_minimis_and_collects_tariff_duty_at_the_border()
    {
        // FOB duty: headphones 4.9% + Section 301 (4A) 7.5% = 12.4% × 60 = 7.44; T-shirt 16.5% + 7.5% = 24% × 20 = 4.80;
        // cable 2.6% + 25% = 27.6% × 10 = 2.76. Duty 15.00, no federal tax. Total 90 + 8 + 15 = 113.00.
        var quote = ThreeChineseItems().Calculate();
        quote.ShouldCost(duty: 15.00m, tax: 0m, total: 113.00m);
        quote.CollectedAt.ShouldBe(CollectionPoint.Border);
        quote.Explains(QuoteLineCodes.NoDeMinimis).ShouldBeTrue();
    }

    [Fact]
    public void United_States_DDP_seller_collects_the_same_duty_at_checkout()
    {
        var quote = ThreeChineseItems().Registered("US-DDP").Calculate();
        quote.ShouldCost(duty: 15.00m, tax: 0m, total: 113.00m);
        (quote.DutyAtCheckout.Amount, quote.CollectedAt, quote.Scheme).ShouldBe((15.00m, CollectionPoint.Checkout, "US-DDP"));
    }

    [Fact]
    public void United_States_de_minimis_ended_for_all_origins_on_2025_08_29()
    {
        // A Vietnamese T-shirt at $20: free on 2025-08-28 ($800 de minimis), 16.5% = 3.30 from 2025-08-29.
        Quote.For("US").On("2025-08-28").Item("610910", 20.00m, origin: "VN").Calculate().Duty.Amount.ShouldBe(0m);
        Quote.For("US").On("2025-08-29").Item("610910", 20.00m, origin: "VN").Calculate().Duty.Amount.ShouldBe(3.30m);
        // Chinese goods had lost it already on 2025-05-02: 24% × 20 = 4.80.
        Quote.For("US").On("2025-08-28").Item("610910", 20.00m).Calculate().Duty.Amount.ShouldBe(4.80m);
    }

    [Fact]
    public void United_States_section_122_surcharge_applied_only_in_its_window()
    {
        // 2026-03-15: 16.5% + 10% = 26.5% × 20 = 5.30.
        Quote.For("US").On("2026-03-15").Item("610910", 20.00m, origin: "VN").Calculate().Duty.Amount.ShouldBe(5.30m);
    }

    [Fact]
    public void Canada_courier_from_the_US_is_duty_free_to_150_and_taxed_above_40()
    {
        // Ontario, courier shipped from the US: VFD CAD 100 (FOB) → no duty; HST 13% × 100 = 13.00 at the border.
        var quote = Quote.For("CA").Region("ON").ShipFrom("US").Item("610910", 50.00m, 2).Shipping(15.00m).Calculate();
        quote.ShouldCost(duty: 0m, tax: 13.00m, total: 128.00m);
        quote.CollectedAt.ShouldBe(CollectionPoint.Border);
        // Exactly CAD 40: nothing due.
        Quote.For("CA").Region("ON").ShipFrom("US").Item("610910", 40.00m).Shipping(15.00m).Calculate().ShouldCost(duty: 0m, tax: 0m, total: 55.00m);
    }

    [Fact]
    public void Canada_postal_from_the_US_has_a_20_dollar_threshold_and_the_Canada_Post_fee()
    {
        // Duty 18% × 100 = 18.00; HST 13% × 118 = 15.34; Canada Post handling fee CAD 9.95 apart.
        var quote = Quote.For("CA").Region("ON").ShipFrom("US").Postal().Item("610910", 50.00m, 2).Shipping(15.00m).Calculate();
        quote.ShouldCost(duty: 18.00m, tax: 15.34m, total: 148.34m);
        quote.Fees.Single().Amount.Amount.ShouldBe(9.95m);
        // Courier from China: the same CAD 20 rule, no Canada Post fee.
        var fromChina = Quote.For("CA").Region("ON").ShipFrom("CN").Item("610910", 50.00m, 2).Shipping(15.00m).Calculate();
        fromChina.ShouldCost(duty: 18.00m, tax: 15.34m, total: 148.34m);
        fromChina.Fees.ShouldBeEmpty();
    }

    [Fact]
    public void Canada_Nova_Scotia_HST_falls_from_15_to_14_percent_on_2025_04_01()
    {
        Quote.For("CA").On("2025-03-31").Region("NS").ShipFrom("US").Item("610910", 100.00m).Calculate().Tax.Amount.ShouldBe(15.00m);
        Quote.For("CA").On("2025-04-01").Region("NS").ShipFrom("US").Item("610910", 100.00m).Calculate().Tax.Amount.ShouldBe(14.00m);
    }

    [Fact]
    public void Canada_without_a_region_uses_GST_and_says_so()
    {
        var quote = Quote.For("CA").ShipFrom("US").Item("610910", 100.00m).Calculate();
        quote.Tax.Amount.ShouldBe(5.00m);
        quote.Explains(QuoteLineCodes.RegionMissing).ShouldBeTrue();
    }

    [Fact]
    public void Brazil_Remessa_Conforme_reproduces_the_published_worked_examples()
    {
        // UOL 2025-07-29, São Paulo (17%): US$50 → II 20% = 10; ICMS (50 + 10) / 0.83 × 0.17 = 12.289… → 12.29; total 72.29.
        var fifty = Quote.For("BR").In("USD").Region("SP").Item("610910", 50.00m).Registered("BR-RC").Calculate();
        fifty.ShouldCost(duty: 10.00m, tax: 12.29m, total: 72.29m);
        (fifty.CollectedAt, fifty.Scheme).ShouldBe((CollectionPoint.Checkout, "BR-RC"));
        // US$100 → II 60% − US$20 = 40; ICMS 140 / 0.83 × 0.17 = 28.674… → 28.67; total 168.67.
        Quote.For("BR").In("USD").Region("SP").Item("610910", 100.00m).Registered("BR-RC").Calculate().ShouldCost(duty: 40.00m, tax: 28.67m, total: 168.67m);
        // In reais at USD/BRL 5.52: R$276 = US$50 exactly → II 55.20; ICMS 331.20 / 0.83 × 0.17 = 67.836… → 67.84; total R$399.04 as UOL shows.
        Quote.For("BR").Region("SP").Item("610910", 276.00m).Rate("USD", "BRL", 5.52m).Registered("BR-RC").Calculate()
            .ShouldCost(duty: 55.20m, tax: 67.84m, total: 399.04m);
    }

    [Fact]
    public void Brazil_ICMS_is_20_percent_in_Minas_Gerais_from_2025_04_01()
    {
        // US$50: II 10; ICMS 60 / 0.80 × 0.20 = 15.00 (before: 12.29 at 17%).
        Quote.For("BR").On("2025-04-01").In("USD").Region("MG").Item("610910", 50.00m).Registered("BR-RC").Calculate().Tax.Amount.ShouldBe(15.00m);
        Quote.For("BR").On("2025-03-31").In("USD").Region("MG").Item("610910", 50.00m).Registered("BR-RC").Calculate().Tax.Amount.ShouldBe(12.29m);
    }

    [Fact]
    public void Brazil_seller_outside_Remessa_Conforme_pays_60_percent_at_the_border()
    {
        // II 60% × 50 = 30; ICMS 80 / 0.83 × 0.17 = 16.385… → 16.39.
        var quote = Quote.For("BR").In("USD").Region("SP").Item("610910", 50.00m).Calculate();
        quote.ShouldCost(duty: 30.00m, tax: 16.39m, total: 96.39m);
        quote.CollectedAt.ShouldBe(CollectionPoint.Border);
    }

    [Fact]
    public void Mexico_global_courier_rate_rose_to_33_5_percent_on_2025_08_15()
    {
        // Chinese goods, US$100 customs value: 33.5% replaces duty and IVA; 19% the day before.
        Quote.For("MX").In("USD").Item("610910", 100.00m).Calculate().ShouldCost(duty: 33.50m, tax: 0m, total: 133.50m);
        Quote.For("MX").On("2025-08-14").In("USD").Item("610910", 100.00m).Calculate().ShouldCost(duty: 19.00m, tax: 0m, total: 119.00m);
    }

    [Fact]
    public void Mexico_T_MEC_origin_bands()
    {
        // US origin: ≤ US$50 exempt; US$100 → 17%; US$117.01 → 19% = 22.2319 → 22.23.
        Quote.For("MX").In("USD").Item("610910", 50.00m, origin: "US").Calculate().ShouldCost(duty: 0m, tax: 0m, total: 50.00m);
        Quote.For("MX").In("USD").Item("610910", 100.00m, origin: "US").Calculate().Duty.Amount.ShouldBe(17.00m);
        Quote.For("MX").In("USD").Item("610910", 117.01m, origin: "US").Calculate().Duty.Amount.ShouldBe(22.23m);
    }
}

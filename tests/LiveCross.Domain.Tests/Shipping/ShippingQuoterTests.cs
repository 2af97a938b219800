using LiveCross.Domain.Catalog;
using LiveCross.Domain.Monetary;
using LiveCross.Domain.Shipping;
using static LiveCross.Domain.Tests.Shipping.RateCards;

namespace LiveCross.Domain.Tests.Shipping;

public sealed class ShippingQuoterTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static Money Usd(decimal amount) => new(amount, CurrencyCode.Parse("USD"));

    [Fact]
    public void A_light_bulky_parcel_is_charged_by_its_volumetric_weight()
    {
        // 300 × 200 × 150 mm = 9,000 cm³ ÷ 5000 = 1.8 kg, rounded up to 2 kg; it weighs 0.2 kg.
        var parcel = Parcel(200, 300, 200, 150);
        ShippingQuoter.ChargeableWeightGrams(Express(), parcel).ShouldBe(2000);
        ShippingQuoter.Charges(ExpressCard(), parcel, null).Freight.ShouldBe(Usd(30.00m));
    }

    [Fact]
    public void A_heavy_small_parcel_is_charged_by_its_actual_weight()
    {
        // 100 × 100 × 50 mm = 500 cm³ ÷ 5000 = 0.1 kg; it weighs 1.2 kg.
        ShippingQuoter.ChargeableWeightGrams(Express(), Parcel(1200)).ShouldBe(1500);
    }

    [Fact]
    public void A_service_without_a_volumetric_divisor_charges_the_actual_weight_only()
    {
        ShippingQuoter.ChargeableWeightGrams(Postal(), Parcel(180, 600, 150, 100)).ShouldBe(180);
    }

    [Fact]
    public void The_chargeable_weight_is_rounded_up_to_the_services_increment()
    {
        ShippingQuoter.ChargeableWeightGrams(Express(), Parcel(501)).ShouldBe(1000);
        ShippingQuoter.ChargeableWeightGrams(Express(), Parcel(1)).ShouldBe(500);
    }

    [Fact]
    public void The_volumes_and_weights_of_all_items_and_quantities_add_up()
    {
        var parcel = new Parcel([new ParcelItem(300, 100, 100, 100, 3), new ParcelItem(250, 200, 100, 50, 2)]);
        parcel.ActualWeightGrams.ShouldBe(1400);
        // 3 × 1,000 cm³ + 2 × 1,000 cm³ = 5,000 cm³ = 1 kg volumetric; 1.4 kg actual wins and rounds to 1.5 kg.
        ShippingQuoter.ChargeableWeightGrams(Express(), parcel).ShouldBe(1500);
    }

    [Fact]
    public void A_parcel_exactly_at_a_break_pays_that_breaks_price_and_one_gram_more_pays_the_next()
    {
        var card = PostalCard();
        ShippingQuoter.Charges(card, Parcel(100), null).Freight.ShouldBe(Usd(3.00m));
        ShippingQuoter.Charges(card, Parcel(101), null).Freight.ShouldBe(Usd(6.00m));
        ShippingQuoter.Charges(card, Parcel(500), null).Freight.ShouldBe(Usd(6.00m));
        ShippingQuoter.Charges(card, Parcel(501), null).Freight.ShouldBe(Usd(11.00m));
    }

    [Fact]
    public void Weight_above_the_last_break_is_charged_per_kilogram_pro_rata()
    {
        // 3.5 kg: 30.00 for the first 2 kg, 1.5 kg × 8.00 for the rest.
        ShippingQuoter.Charges(ExpressCard(), Parcel(3500), null).Freight.ShouldBe(Usd(42.00m));
        // 2001 g rounds up to 2.5 kg: 30.00 + 0.5 × 8.00.
        ShippingQuoter.Charges(ExpressCard(), Parcel(2001), null).Freight.ShouldBe(Usd(34.00m));
    }

    [Fact]
    public void The_fuel_surcharge_is_rounded_half_away_from_zero()
    {
        // 12.50 × 9% = 1.125: half away from zero gives 1.13 (banker's rounding would give 1.12).
        var card = ExpressCard() with { Breaks = [new(500, 12.50m)], FuelSurchargePercent = 9m };
        var charges = ShippingQuoter.Charges(card, Parcel(400), null);
        charges.Fuel.ShouldBe(Usd(1.13m));
        charges.Total.ShouldBe(Usd(13.63m));
    }

    [Fact]
    public void The_fuel_surcharge_in_yen_is_rounded_to_whole_yen()
    {
        // 1,005 × 10% = 100.5 yen → 101 yen.
        var card = ExpressCard() with { Currency = CurrencyCode.Parse("JPY"), Breaks = [new(500, 1005m)], FuelSurchargePercent = 10m };
        var charges = ShippingQuoter.Charges(card, Parcel(400), null);
        charges.Fuel.Amount.ShouldBe(101m);
        charges.Total.Amount.ShouldBe(1106m);
    }

    [Fact]
    public void A_service_that_carries_no_batteries_refuses_earbuds_and_says_why()
    {
        var options = ShippingQuoter.Quote([PostalCard(), ExpressCard()], Parcel(180, battery: BatteryType.LithiumIonInEquipment), null, Monday, Weekdays());
        var postal = options.Single(o => o.Id == "cainiao-economy");
        postal.IsAvailable.ShouldBeFalse();
        postal.Price.ShouldBeNull();
        postal.Refusal!.Reason.ShouldBe(RefusalReason.Batteries);
        postal.Refusal.Battery.ShouldBe(BatteryType.LithiumIonInEquipment);
        postal.Refusal.Detail.ShouldStartWith("Not available: contains lithium batteries");
        var express = options.Single(o => o.Id == "dhl-express");
        express.IsAvailable.ShouldBeTrue();
        express.Charges!.DangerousGoods.Amount.ShouldBe(0m);
    }

    [Fact]
    public void A_power_bank_goes_by_express_as_dangerous_goods_for_the_fee()
    {
        var charges = ShippingQuoter.Charges(ExpressCard(), Parcel(420, battery: BatteryType.LithiumIonAlone), null);
        charges.DangerousGoods.ShouldBe(Usd(35.00m));
        charges.Total.ShouldBe(Usd(55.00m));
    }

    [Fact]
    public void One_battery_type_the_service_does_not_list_refuses_the_whole_parcel()
    {
        var parcel = new Parcel([new ParcelItem(100, 50, 50, 50, 1), new ParcelItem(20, 30, 30, 5, 1, BatteryType.LithiumMetalAlone)]);
        ShippingQuoter.Refusal(Express(), parcel)!.Battery.ShouldBe(BatteryType.LithiumMetalAlone);
    }

    [Fact]
    public void A_parcel_over_the_services_weight_limit_is_refused()
    {
        ShippingQuoter.Refusal(Postal(), Parcel(2000)).ShouldBeNull();
        var refusal = ShippingQuoter.Refusal(Postal(), Parcel(1000, quantity: 3));
        refusal!.Reason.ShouldBe(RefusalReason.Overweight);
        refusal.Detail.ShouldBe("Not available: the parcel weighs 3 kg; Cainiao Super Economy takes at most 2 kg.");
    }

    [Fact]
    public void An_item_longer_than_the_service_takes_is_refused()
    {
        ShippingQuoter.Refusal(Postal(), Parcel(500, 600, 100, 50)).ShouldBeNull();
        ShippingQuoter.Refusal(Postal(), Parcel(500, 601, 100, 50))!.Reason.ShouldBe(RefusalReason.TooLong);
    }

    [Fact]
    public void An_item_too_big_in_length_plus_girth_is_refused()
    {
        // 500 + 2 × (150 + 60) = 920 mm > 900 mm.
        ShippingQuoter.Refusal(Postal(), Parcel(500, 500, 150, 60))!.Reason.ShouldBe(RefusalReason.TooBig);
        ShippingQuoter.Refusal(Postal(), Parcel(500, 500, 140, 60)).ShouldBeNull();
    }

    [Fact]
    public void An_item_over_the_oversize_length_costs_the_oversize_fee()
    {
        ShippingQuoter.Charges(ExpressCard(), Parcel(3000, 1000, 100, 100), null).Oversize.Amount.ShouldBe(0m);
        ShippingQuoter.Charges(ExpressCard(), Parcel(3000, 1001, 100, 100), null).Oversize.ShouldBe(Usd(15.00m));
    }

    [Fact]
    public void A_remote_region_costs_the_remote_area_fee()
    {
        var card = ExpressCard() with { Destination = "CA", RemoteAreaFee = 28.00m, RemoteRegions = new HashSet<string> { "NU", "NT" } };
        ShippingQuoter.Charges(card, Parcel(400), "NU").RemoteArea.ShouldBe(Usd(28.00m));
        ShippingQuoter.Charges(card, Parcel(400), "ON").RemoteArea.Amount.ShouldBe(0m);
        ShippingQuoter.Charges(card, Parcel(400), null).RemoteArea.Amount.ShouldBe(0m);
    }

    [Fact]
    public void Options_come_cheapest_first_and_refusals_last()
    {
        var dearPostal = PostalCard() with { Service = Postal() with { Id = "b-postal" }, Breaks = [new(2000, 50m)] };
        var options = ShippingQuoter.Quote(
            [ExpressCard(), PostalCard(), dearPostal, PostalCard() with { Service = Postal() with { Id = "a-too-small", MaxWeightGrams = 100 } }],
            Parcel(400), null, Monday, Weekdays());
        options.Select(o => o.Id).ShouldBe(["cainiao-economy", "dhl-express", "b-postal", "a-too-small"]);
        options[^1].Refusal!.Reason.ShouldBe(RefusalReason.Overweight);
    }

    [Fact]
    public void Prices_are_converted_into_the_shoppers_currency_rounded_once_and_ordered_by_it()
    {
        var usd = CurrencyCode.Parse("USD");
        var eur = CurrencyCode.Parse("EUR");
        var gbp = CurrencyCode.Parse("GBP");
        var rates = new ExchangeRateTable([
            new ExchangeRate(usd, eur, 0.8650m, "test", new DateOnly(2026, 11, 24)),
            new ExchangeRate(usd, gbp, 0.7600m, "test", new DateOnly(2026, 11, 24)),
        ]);
        // 20.00 USD express and 19.00 EUR ground: in GBP 15.20 and 19.00 × 0.76 / 0.865 = 16.6936… → 16.69.
        var ground = ExpressCard() with { Service = Express() with { Id = "dpd-ground", Mode = ShippingMode.Ground }, Currency = eur, Breaks = [new(500, 19.00m)] };
        var options = ShippingQuoter.Quote([ground, ExpressCard()], Parcel(400), null, Monday, Weekdays(), gbp, rates);
        options.Select(o => (o.Id, o.Price)).ShouldBe([("dhl-express", (Money?)new Money(15.20m, gbp)), ("dpd-ground", new Money(16.69m, gbp))]);
        options[1].Charges!.Total.ShouldBe(new Money(19.00m, eur));
    }

    [Fact]
    public void Delivery_dates_count_the_destinations_business_days_from_the_dispatch_day()
    {
        // Shipped Thursday 2026-12-24 to a market closed on 25 and 26 December: 2–4 business days are 29 and 31 December.
        var destination = Weekdays(new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 26));
        var option = ShippingQuoter.Quote([ExpressCard()], Parcel(400), null, new DateOnly(2026, 12, 24), destination).Single();
        option.Delivery.ShouldBe(new DeliveryEstimate(new DateOnly(2026, 12, 24), 2, 4, new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 31)));
    }
}

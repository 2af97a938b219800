using LiveCross.Domain.Catalog;
using LiveCross.Domain.Shipping;
using LiveCross.Server.Shipping;

namespace LiveCross.Server.Tests.Shipping;

/// <summary>The carriers, origins and rate cards that ship with the server.</summary>
public sealed class ShippedShippingDataTests
{
    private static readonly ShippingData Data = ShippingFiles.LoadAll(ShippingFiles.DefaultFolder, ShippedMarkets.Definitions, ShippedMarkets.Rates);

    private static readonly Parcel HalfKilo = new([new ParcelItem(500, 200, 150, 80, 1)]);

    [Fact]
    public void Every_shipped_file_loads_and_validates()
    {
        Data.Cards.Count.ShouldBeGreaterThan(300);
        Data.Origins.Keys.ShouldBe(["CN", "US", "DE", "GB", "JP"], ignoreOrder: true);
    }

    [Fact]
    public void Parcels_from_China_reach_every_market_and_earbuds_too()
    {
        var earbuds = new Parcel([new ParcelItem(180, 110, 100, 45, 1, BatteryType.LithiumIonInEquipment)]);
        foreach (var market in ShippedMarkets.Definitions)
        {
            var cards = Data.Cards.Where(c => c.Origin == "CN" && c.Destination == market.Code).ToList();
            cards.ShouldNotBeEmpty($"no lane CN → {market.Code}");
            cards.ShouldAllBe(c => c.Currency.Value == "USD");
            cards.ShouldContain(c => ShippingQuoter.Refusal(c.Service, HalfKilo) == null, $"nothing takes 0.5 kg CN → {market.Code}");
            cards.ShouldContain(c => ShippingQuoter.Refusal(c.Service, earbuds) == null, $"nothing takes earbuds CN → {market.Code}");
        }
    }

    [Fact]
    public void Cards_from_China_use_carriers_the_destination_market_lists()
    {
        foreach (var card in Data.Cards.Where(c => c.Origin == "CN"))
        {
            var market = ShippedMarkets.Definitions.Single(m => m.Code == card.Destination);
            market.Carriers.ShouldContain(card.Service.Carrier, $"{card.Service.Id} to {card.Destination}");
        }
    }

    [Theory]
    [InlineData("US", "USD")]
    [InlineData("DE", "EUR")]
    [InlineData("GB", "GBP")]
    [InlineData("JP", "JPY")]
    public void The_other_origins_reach_their_home_market_and_several_others_in_their_own_currency(string origin, string currency)
    {
        var cards = Data.Cards.Where(c => c.Origin == origin).ToList();
        cards.Select(c => c.Destination).Distinct().Count().ShouldBeGreaterThanOrEqualTo(10);
        cards.ShouldContain(c => c.Destination == origin);
        cards.ShouldAllBe(c => c.Currency.Value == currency);
    }

    [Fact]
    public void No_postal_or_air_economy_service_carries_a_power_bank()
    {
        var economy = Data.Services.Values.Where(s => s.Mode == ShippingMode.Postal || (s.Mode == ShippingMode.Air && s.Id.Contains("standard", StringComparison.Ordinal))).ToList();
        economy.Count.ShouldBeGreaterThanOrEqualTo(5);
        economy.ShouldAllBe(s => s.Accepts(BatteryType.LithiumIonAlone) == BatteryAcceptance.Refused);
    }

    [Fact]
    public void Every_lane_prices_half_a_kilo_above_zero_and_dates_it()
    {
        var monday = new DateOnly(2026, 11, 23);
        foreach (var lane in Data.Cards.GroupBy(c => (c.Origin, c.Destination)))
        {
            var market = ShippedMarkets.Definitions.Single(m => m.Code == lane.Key.Destination);
            var options = ShippingQuoter.Quote(lane, HalfKilo, null, monday, BusinessCalendar.For(market));
            foreach (var option in options.Where(o => o.IsAvailable))
            {
                option.Price!.Value.Amount.ShouldBeGreaterThan(0m, $"{option.Id} {lane.Key}");
                option.Delivery!.Earliest.ShouldBeGreaterThan(monday);
                option.Delivery.Latest.ShouldBeGreaterThanOrEqualTo(option.Delivery.Earliest);
            }
        }
    }
}

using LiveCross.Domain.Catalog;
using LiveCross.Domain.Monetary;
using LiveCross.Domain.Shipping;

namespace LiveCross.Domain.Tests.Shipping;

/// <summary>Services and rate cards with round figures, for tests to change one thing at a time with <c>with</c>.</summary>
public static class RateCards
{
    /// <summary>An express service: volumetric divisor 5000, 500 g steps, carries batteries in equipment and, as dangerous goods, alone.</summary>
    public static ShippingService Express() => new()
    {
        Id = "dhl-express",
        Carrier = "dhl",
        CarrierName = "DHL",
        Name = "DHL Express Worldwide",
        Mode = ShippingMode.Air,
        Tracked = true,
        VolumetricDivisor = 5000,
        WeightIncrementGrams = 500,
        MaxWeightGrams = 70_000,
        MaxLengthMm = 1200,
        OversizeLengthMm = 1000,
        Batteries = new Dictionary<BatteryType, BatteryAcceptance>
        {
            [BatteryType.LithiumIonInEquipment] = BatteryAcceptance.Accepted,
            [BatteryType.LithiumIonWithEquipment] = BatteryAcceptance.Accepted,
            [BatteryType.LithiumIonAlone] = BatteryAcceptance.DangerousGoodsFee,
        },
    };

    /// <summary>A postal service: actual weight only, per gram, at most 2 kg and 60 cm, no batteries at all.</summary>
    public static ShippingService Postal() => new()
    {
        Id = "cainiao-economy",
        Carrier = "cainiao",
        CarrierName = "Cainiao",
        Name = "Cainiao Super Economy",
        Mode = ShippingMode.Postal,
        MaxWeightGrams = 2000,
        MaxLengthMm = 600,
        MaxLengthPlusGirthMm = 900,
    };

    /// <summary>Express from CN to DE in USD: 20.00 up to 0.5 kg, 25.00 up to 1 kg, 30.00 up to 2 kg, then 8.00 per kg; 2–4 business days.</summary>
    public static RateCard ExpressCard() => new()
    {
        Service = Express(),
        Origin = "CN",
        Destination = "DE",
        Currency = CurrencyCode.Parse("USD"),
        Breaks = [new(500, 20.00m), new(1000, 25.00m), new(2000, 30.00m)],
        PerExtraKg = 8.00m,
        DangerousGoodsFee = 35.00m,
        OversizeFee = 15.00m,
        MinBusinessDays = 2,
        MaxBusinessDays = 4,
    };

    /// <summary>Postal from CN to DE in USD: 3.00 up to 100 g, 6.00 up to 500 g, 11.00 up to 2 kg; 10–20 business days.</summary>
    public static RateCard PostalCard() => new()
    {
        Service = Postal(),
        Origin = "CN",
        Destination = "DE",
        Currency = CurrencyCode.Parse("USD"),
        Breaks = [new(100, 3.00m), new(500, 6.00m), new(2000, 11.00m)],
        MinBusinessDays = 10,
        MaxBusinessDays = 20,
    };

    public static Parcel Parcel(int grams, int lengthMm = 100, int widthMm = 100, int heightMm = 50, int quantity = 1, BatteryType battery = BatteryType.None) =>
        new([new ParcelItem(grams, lengthMm, widthMm, heightMm, quantity, battery)]);

    /// <summary>Saturday and Sunday off; no holidays unless given.</summary>
    public static BusinessCalendar Weekdays(params DateOnly[] holidays) => new([DayOfWeek.Saturday, DayOfWeek.Sunday], holidays);
}

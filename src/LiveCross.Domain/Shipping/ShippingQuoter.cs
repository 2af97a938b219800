using System.Globalization;
using LiveCross.Domain.Catalog;
using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.Shipping;

public enum RefusalReason
{
    /// <summary>The parcel holds a battery type the service does not carry.</summary>
    Batteries,

    Overweight,

    /// <summary>An item's longest side is over the service's limit.</summary>
    TooLong,

    /// <summary>An item's length plus girth is over the service's limit.</summary>
    TooBig,
}

/// <summary>Why a service does not take the parcel; <see cref="Detail"/> is English for API clients, <see cref="Reason"/> is for localized text.</summary>
public sealed record ShippingRefusal(RefusalReason Reason, string Detail, BatteryType Battery = BatteryType.None);

/// <summary>What the carrier charges, in the rate card's currency, each part rounded to its minor units.</summary>
public sealed record ShippingCharges(Money Freight, Money Fuel, Money DangerousGoods, Money Oversize, Money RemoteArea)
{
    public Money Total => Freight + Fuel + DangerousGoods + Oversize + RemoteArea;
}

/// <summary>
/// When the parcel arrives: leaving the origin on <see cref="ShipsOn"/>, delivered between
/// <see cref="MinBusinessDays"/> and <see cref="MaxBusinessDays"/> business days of the destination later.
/// </summary>
public sealed record DeliveryEstimate(DateOnly ShipsOn, int MinBusinessDays, int MaxBusinessDays, DateOnly Earliest, DateOnly Latest);

/// <summary>One service's answer for a parcel: a price and delivery dates, or the reason it refuses the parcel.</summary>
public sealed record ShippingOption(RateCard Card, long ChargeableWeightGrams, ShippingCharges? Charges, Money? Price, DeliveryEstimate? Delivery, ShippingRefusal? Refusal)
{
    /// <summary>Stable across quotes of the same lane, e.g. "dhl-express".</summary>
    public string Id => Card.Service.Id;

    public bool IsAvailable => Refusal is null;
}

/// <summary>
/// Prices a parcel on the rate cards of one lane. Pure arithmetic on data loaded once: no I/O, decimals only.
/// </summary>
public static class ShippingQuoter
{
    /// <summary>
    /// Every card's option for the parcel: those that take it first, cheapest first (then fastest, then by id),
    /// then those that refuse it, by id. With <paramref name="currency"/> and <paramref name="rates"/>, each
    /// price is also converted (and rounded once) into that currency and the options are ordered by it.
    /// </summary>
    public static IReadOnlyList<ShippingOption> Quote(
        IEnumerable<RateCard> cards, Parcel parcel, string? region, DateOnly shipsOn, BusinessCalendar destination,
        CurrencyCode? currency = null, ExchangeRateTable? rates = null)
    {
        if (currency is not null && rates is null) throw new ArgumentNullException(nameof(rates), "Converting needs the exchange rates.");
        var options = new List<ShippingOption>();
        foreach (var card in cards)
        {
            var chargeable = ChargeableWeightGrams(card.Service, parcel);
            var refusal = Refusal(card.Service, parcel);
            if (refusal is not null)
            {
                options.Add(new ShippingOption(card, chargeable, null, null, null, refusal));
                continue;
            }
            var charges = Charges(card, parcel, region);
            var price = currency is { } target ? rates!.Convert(charges.Total, target) : charges.Total;
            options.Add(new ShippingOption(card, chargeable, charges, price, Estimate(card, shipsOn, destination), null));
        }
        return options
            .OrderBy(o => o.IsAvailable ? 0 : 1)
            .ThenBy(o => o.Price?.Amount ?? 0m)
            .ThenBy(o => o.Card.MaxBusinessDays)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The greater of the actual and the volumetric weight (volume in cm³ ÷ the divisor, in kg),
    /// rounded up to the service's weight increment; never less than one increment.
    /// </summary>
    public static long ChargeableWeightGrams(ShippingService service, Parcel parcel)
    {
        var weight = parcel.ActualWeightGrams;
        // mm³ ÷ (cm³/kg) is grams: 1 cm³ = 1000 mm³ and 1 kg = 1000 g cancel out.
        if (service.VolumetricDivisor is { } divisor)
            weight = Math.Max(weight, (long)decimal.Ceiling(parcel.VolumeMm3 / divisor));
        var increment = Math.Max(1, service.WeightIncrementGrams);
        var steps = Math.Max(1, (weight + increment - 1) / increment);
        return steps * increment;
    }

    /// <summary>The first reason the service cannot take the parcel, or null when it can.</summary>
    public static ShippingRefusal? Refusal(ShippingService service, Parcel parcel)
    {
        foreach (var battery in parcel.Batteries)
        {
            if (service.Accepts(battery) == BatteryAcceptance.Refused)
                return new ShippingRefusal(RefusalReason.Batteries,
                    $"Not available: contains lithium batteries ({battery.Key()}), which {service.Name} does not carry.", battery);
        }
        if (parcel.ActualWeightGrams > service.MaxWeightGrams)
            return new ShippingRefusal(RefusalReason.Overweight,
                $"Not available: the parcel weighs {Kg(parcel.ActualWeightGrams)} kg; {service.Name} takes at most {Kg(service.MaxWeightGrams)} kg.");
        var longest = parcel.Items.Max(i => i.LongestSideMm);
        if (longest > service.MaxLengthMm)
            return new ShippingRefusal(RefusalReason.TooLong,
                $"Not available: an item is {Cm(longest)} cm long; {service.Name} takes at most {Cm(service.MaxLengthMm)} cm.");
        if (service.MaxLengthPlusGirthMm is { } maxGirth && parcel.Items.Max(i => i.LengthPlusGirthMm) is var girth && girth > maxGirth)
            return new ShippingRefusal(RefusalReason.TooBig,
                $"Not available: an item measures {Cm(girth)} cm in length plus girth; {service.Name} takes at most {Cm(maxGirth)} cm.");
        return null;
    }

    /// <summary>
    /// Freight from the weight breaks (the first break the chargeable weight fits in, else the last break
    /// plus the per-kg price for the weight above it), the fuel surcharge as a percentage of the freight,
    /// and the fixed surcharges that apply. Each part is rounded half away from zero to the currency's minor units.
    /// </summary>
    public static ShippingCharges Charges(RateCard card, Parcel parcel, string? region)
    {
        var service = card.Service;
        var chargeable = ChargeableWeightGrams(service, parcel);
        var freight = Round(card, FreightAmount(card, chargeable));
        var fuel = Round(card, freight.Amount * card.FuelSurchargePercent / 100m);
        var dangerous = parcel.Batteries.Any(b => service.Accepts(b) == BatteryAcceptance.DangerousGoodsFee) ? card.DangerousGoodsFee : 0m;
        var oversize = service.OversizeLengthMm is { } limit && parcel.Items.Any(i => i.LongestSideMm > limit) ? card.OversizeFee : 0m;
        var remote = region is not null && card.RemoteRegions.Contains(region) ? card.RemoteAreaFee : 0m;
        return new ShippingCharges(freight, fuel, Round(card, dangerous), Round(card, oversize), Round(card, remote));
    }

    public static DeliveryEstimate Estimate(RateCard card, DateOnly shipsOn, BusinessCalendar destination) =>
        new(shipsOn, card.MinBusinessDays, card.MaxBusinessDays,
            destination.AddBusinessDays(shipsOn, card.MinBusinessDays), destination.AddBusinessDays(shipsOn, card.MaxBusinessDays));

    private static decimal FreightAmount(RateCard card, long chargeableGrams)
    {
        foreach (var step in card.Breaks)
        {
            if (chargeableGrams <= step.UpToGrams) return step.Price;
        }
        var last = card.Breaks[^1];
        return last.Price + card.PerExtraKg * (chargeableGrams - last.UpToGrams) / 1000m;
    }

    private static Money Round(RateCard card, decimal amount) => new Money(amount, card.Currency).RoundToMinorUnits();

    private static string Kg(long grams) => (grams / 1000m).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Cm(long mm) => (mm / 10m).ToString("0.#", CultureInfo.InvariantCulture);
}

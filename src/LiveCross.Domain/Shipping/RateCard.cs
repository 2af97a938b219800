using LiveCross.Domain.Catalog;
using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.Shipping;

public enum ShippingMode
{
    Air,
    Ground,
    Sea,
    Postal,
}

/// <summary>What a service does with a parcel holding a kind of lithium battery.</summary>
public enum BatteryAcceptance
{
    Accepted,

    /// <summary>Carried as dangerous goods, for the rate card's dangerous-goods fee.</summary>
    DangerousGoodsFee,

    Refused,
}

/// <summary>
/// A carrier's service as offered on every lane: how it weighs a parcel, what it carries and what it refuses.
/// <see cref="Id"/> is the stable option id shoppers choose by, e.g. "dhl-express".
/// </summary>
public sealed record ShippingService
{
    public required string Id { get; init; }

    /// <summary>Carrier key as markets list them, e.g. "dhl".</summary>
    public required string Carrier { get; init; }

    public required string CarrierName { get; init; }

    public required string Name { get; init; }

    public required ShippingMode Mode { get; init; }

    public bool Tracked { get; init; }

    /// <summary>Cubic centimetres per chargeable kilogram (5000 for most express services); null when only the actual weight counts.</summary>
    public int? VolumetricDivisor { get; init; }

    /// <summary>The chargeable weight is rounded up to a multiple of this, e.g. 500 g for express.</summary>
    public int WeightIncrementGrams { get; init; } = 1;

    public required int MaxWeightGrams { get; init; }

    /// <summary>The longest side of any item the service takes.</summary>
    public required int MaxLengthMm { get; init; }

    /// <summary>Length plus girth (2 × width + 2 × height) of any item, where the service limits it.</summary>
    public int? MaxLengthPlusGirthMm { get; init; }

    /// <summary>An item longer than this costs the rate card's oversize fee.</summary>
    public int? OversizeLengthMm { get; init; }

    /// <summary>Battery types the service takes; a type not listed is refused, and a parcel without batteries is always taken.</summary>
    public IReadOnlyDictionary<BatteryType, BatteryAcceptance> Batteries { get; init; } = new Dictionary<BatteryType, BatteryAcceptance>();

    public BatteryAcceptance Accepts(BatteryType battery) =>
        battery == BatteryType.None ? BatteryAcceptance.Accepted
        : Batteries.TryGetValue(battery, out var acceptance) ? acceptance
        : BatteryAcceptance.Refused;
}

/// <summary>A price for parcels weighing (chargeable weight) up to <paramref name="UpToGrams"/>.</summary>
public sealed record WeightBreak(int UpToGrams, decimal Price);

/// <summary>
/// The price list of one service on one lane (origin country → destination market), in one currency:
/// a price per weight break, a price per kilogram above the last break, surcharges, and the transit
/// time in business days of the destination.
/// </summary>
public sealed record RateCard
{
    public required ShippingService Service { get; init; }

    public required string Origin { get; init; }

    public required string Destination { get; init; }

    public required CurrencyCode Currency { get; init; }

    /// <summary>Ascending by weight.</summary>
    public required IReadOnlyList<WeightBreak> Breaks { get; init; }

    /// <summary>Charged pro rata on the chargeable weight above the last break.</summary>
    public decimal PerExtraKg { get; init; }

    /// <summary>Percent of the freight charge.</summary>
    public decimal FuelSurchargePercent { get; init; }

    /// <summary>Per parcel carried as dangerous goods (see <see cref="BatteryAcceptance.DangerousGoodsFee"/>).</summary>
    public decimal DangerousGoodsFee { get; init; }

    /// <summary>Per parcel with an item longer than the service's oversize length.</summary>
    public decimal OversizeFee { get; init; }

    /// <summary>Per parcel delivered to one of <see cref="RemoteRegions"/>.</summary>
    public decimal RemoteAreaFee { get; init; }

    /// <summary>Region codes of the destination (the part after the dash of ISO 3166-2, e.g. "NU") that cost the remote-area fee.</summary>
    public IReadOnlySet<string> RemoteRegions { get; init; } = new HashSet<string>();

    public required int MinBusinessDays { get; init; }

    public required int MaxBusinessDays { get; init; }
}

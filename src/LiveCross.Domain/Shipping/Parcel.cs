using LiveCross.Domain.Catalog;

namespace LiveCross.Domain.Shipping;

/// <summary>One line of a parcel: an item's packed weight and size, how many, and its batteries.</summary>
public sealed record ParcelItem(int WeightGrams, int LengthMm, int WidthMm, int HeightMm, int Quantity, BatteryType Battery = BatteryType.None)
{
    public int LongestSideMm => Math.Max(LengthMm, Math.Max(WidthMm, HeightMm));

    /// <summary>The longest side plus twice each of the other two.</summary>
    public long LengthPlusGirthMm => LongestSideMm + 2L * (LengthMm + WidthMm + HeightMm - LongestSideMm);
}

/// <summary>
/// The items that travel together. Its volume is the sum of the items' volumes: packing space is not
/// modelled, so the volumetric weight is a lower bound of what a carrier will measure.
/// </summary>
public sealed class Parcel
{
    public Parcel(IReadOnlyList<ParcelItem> items)
    {
        if (items.Count == 0) throw new ArgumentException("A parcel holds at least one item.", nameof(items));
        if (items.Any(i => i.Quantity < 1 || i.WeightGrams < 0 || i.LengthMm < 0 || i.WidthMm < 0 || i.HeightMm < 0))
            throw new ArgumentException("Quantities are positive; weights and sizes are not negative.", nameof(items));
        Items = items;
        ActualWeightGrams = items.Sum(i => (long)i.WeightGrams * i.Quantity);
        VolumeMm3 = items.Sum(i => (decimal)i.LengthMm * i.WidthMm * i.HeightMm * i.Quantity);
    }

    public IReadOnlyList<ParcelItem> Items { get; }

    public long ActualWeightGrams { get; }

    public decimal VolumeMm3 { get; }

    public IEnumerable<BatteryType> Batteries => Items.Select(i => i.Battery).Where(b => b != BatteryType.None).Distinct();
}

using System.Diagnostics.CodeAnalysis;

namespace LiveCross.Domain.Catalog;

/// <summary>
/// The lithium batteries a product ships with, in the classes carriers accept or refuse them by
/// (IATA Dangerous Goods Regulations, section II of packing instructions 965–970). A power bank is a
/// battery alone, not equipment.
/// </summary>
public enum BatteryType
{
    None,

    /// <summary>UN3481, PI 967: built into the device (earbuds, a smartwatch).</summary>
    LithiumIonInEquipment,

    /// <summary>UN3481, PI 966: a separate battery in the same box as the device it powers.</summary>
    LithiumIonWithEquipment,

    /// <summary>UN3480, PI 965: batteries on their own, power banks included.</summary>
    LithiumIonAlone,

    /// <summary>UN3091, PI 970: a lithium-metal cell (e.g. a CR2032 coin cell) built into the device.</summary>
    LithiumMetalInEquipment,

    /// <summary>UN3091, PI 969.</summary>
    LithiumMetalWithEquipment,

    /// <summary>UN3090, PI 968: lithium-metal cells on their own.</summary>
    LithiumMetalAlone,
}

/// <summary>The keys battery types go by in the API, the CSV import and the shipping data ("lithium-ion-alone").</summary>
public static class BatteryTypes
{
    private static readonly (BatteryType Type, string Key)[] Names =
    [
        (BatteryType.None, "none"),
        (BatteryType.LithiumIonInEquipment, "lithium-ion-in-equipment"),
        (BatteryType.LithiumIonWithEquipment, "lithium-ion-with-equipment"),
        (BatteryType.LithiumIonAlone, "lithium-ion-alone"),
        (BatteryType.LithiumMetalInEquipment, "lithium-metal-in-equipment"),
        (BatteryType.LithiumMetalWithEquipment, "lithium-metal-with-equipment"),
        (BatteryType.LithiumMetalAlone, "lithium-metal-alone"),
    ];

    public static IReadOnlyList<string> Keys { get; } = Names.Select(n => n.Key).ToArray();

    public static string Key(this BatteryType type) => Names.First(n => n.Type == type).Key;

    /// <summary>Only the keys above, any case; a null or empty text is not a battery type.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out BatteryType type)
    {
        type = BatteryType.None;
        if (string.IsNullOrWhiteSpace(text)) return false;
        foreach (var (candidate, key) in Names)
        {
            if (!string.Equals(key, text.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            type = candidate;
            return true;
        }
        return false;
    }
}

namespace LiveCross.Server.Catalog;

/// <summary>The category tree shoppers browse. Display names come from the storefront resources ("Category.{key}").</summary>
public static class Categories
{
    public static readonly IReadOnlyList<string> All =
    [
        "electronics/audio",
        "electronics/phone-accessories",
        "electronics/smart-home",
        "electronics/wearables",
        "electronics/computer-accessories",
        "apparel/women",
        "apparel/men",
        "apparel/accessories",
        "beauty/skincare",
        "beauty/makeup",
        "beauty/haircare",
        "home/kitchen",
    ];

    public static bool IsKnown(string? key) => key is not null && All.Contains(key, StringComparer.Ordinal);

    /// <summary>Top-level groups ("electronics"), used as filters that include every sub-category.</summary>
    public static readonly IReadOnlyList<string> Groups = [.. All.Select(k => k.Split('/')[0]).Distinct()];

    /// <summary>A category or a whole group ("electronics") a shopper may filter by.</summary>
    public static bool IsFilter(string? key) => IsKnown(key) || (key is not null && Groups.Contains(key, StringComparer.Ordinal));

    public static string ResourceKey(string key) => "Category." + key.Replace('/', '.');
}

using LiveCross.Server.Catalog;

namespace LiveCross.Server.Platform.DemoData;

public static class DemoCatalog
{
    public static readonly IReadOnlyList<DemoProduct> Products =
    [
        new(DemoSeeder.ElectronicsSlug, new ProductInput("electronics/audio", "851830", "CN", 240, new DimensionsDto(160, 90, 45), "active", "en",
            [new("en", "AirWave Pro Wireless Earbuds", "Active noise cancelling earbuds with 36-hour battery."), new("zh-Hans", "AirWave Pro 无线降噪耳机", "主动降噪，续航36小时。"), new("es", "Auriculares inalámbricos AirWave Pro", "Cancelación activa de ruido y 36 horas de batería.")],
            [], [new("VW-AWP-BLK", new() { ["color"] = "Black" }, "6970000000017", 59.90m), new("VW-AWP-WHT", new() { ["color"] = "White" }, null, 59.90m)]), 200, "♪", []),
    ];
}

using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Domain.Markets;
using LiveCross.Server.Markets;

namespace LiveCross.Server.Tests.Markets;

/// <summary>Valid market definitions to break one field at a time with <c>with</c>.</summary>
public static class MarketBuilder
{
    public static MarketDefinition Germany() => new()
    {
        Code = "DE",
        Names = new() { ["en"] = "Germany", ["de"] = "Deutschland" },
        Currency = "EUR",
        CurrencyMinorUnits = 2,
        DefaultLocale = "de-DE",
        Locales = ["de-DE", "en"],
        TimeZone = "Europe/Berlin",
        TaxRegime = "EU",
        PaymentMethods = ["card", "paypal"],
        Carriers = ["dhl"],
        Holidays = [new(new DateOnly(2026, 12, 25), "Weihnachten")],
    };

    public static MarketDefinition France() => Germany() with
    {
        Code = "FR",
        Names = new() { ["en"] = "France", ["fr"] = "France" },
        DefaultLocale = "fr-FR",
        Locales = ["fr-FR"],
        TimeZone = "Europe/Paris",
        Holidays = [new(new DateOnly(2026, 7, 14), "Fête nationale")],
    };

    public static MarketDefinition Japan() => Germany() with
    {
        Code = "JP",
        Names = new() { ["en"] = "Japan", ["ja"] = "日本" },
        Currency = "JPY",
        CurrencyMinorUnits = 0,
        DefaultLocale = "ja-JP",
        Locales = ["ja-JP"],
        TimeZone = "Asia/Tokyo",
        TaxRegime = "JP",
        Holidays = [new(new DateOnly(2026, 1, 1), "元日")],
    };
}

/// <summary>A temporary market data folder, deleted afterwards.</summary>
public sealed class MarketFolder : IDisposable
{
    public MarketFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "livecross-markets-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Writes <paramref name="market"/> as the server would read it, to <c>{code}.json</c>.</summary>
    public MarketFolder Write(MarketDefinition market) => WriteText(market.Code, JsonSerializer.Serialize(market, MarketFiles.Json));

    /// <summary>Writes <paramref name="market"/> after <paramref name="edit"/> changed its JSON, for mistakes the type cannot hold.</summary>
    public MarketFolder Write(MarketDefinition market, Action<JsonObject> edit)
    {
        var json = JsonSerializer.SerializeToNode(market, MarketFiles.Json)!.AsObject();
        edit(json);
        return WriteText(market.Code, json.ToJsonString(MarketFiles.Json));
    }

    public MarketFolder WriteText(string code, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, code + ".json"), text);
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

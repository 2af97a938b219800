using System.Text.Json;
using LiveCross.Domain.Monetary;

namespace LiveCross.Server.Markets;

/// <summary>The exchange-rate snapshot shipped with the app (<c>Markets/ExchangeRates/snapshot.json</c>), seeded when its rates are missing.</summary>
public sealed record ExchangeRateSnapshot(string Source, DateOnly AsOf, string Base, Dictionary<string, decimal> Rates)
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Markets", "ExchangeRates", "snapshot.json");

    public static ExchangeRateSnapshot Load(string path)
    {
        var snapshot = JsonSerializer.Deserialize<ExchangeRateSnapshot>(File.ReadAllBytes(path), MarketFiles.Json)
            ?? throw new MarketDataException($"Exchange-rate snapshot {path} is empty.");
        if (!CurrencyCode.TryParse(snapshot.Base, out _)) throw new MarketDataException($"Exchange-rate snapshot: field base: '{snapshot.Base}' is not a currency.");
        foreach (var (currency, rate) in snapshot.Rates)
        {
            if (!CurrencyCode.TryParse(currency, out _)) throw new MarketDataException($"Exchange-rate snapshot: field rates.{currency}: not a known currency.");
            if (rate <= 0) throw new MarketDataException($"Exchange-rate snapshot: field rates.{currency}: a rate must be positive.");
        }
        return snapshot;
    }
}

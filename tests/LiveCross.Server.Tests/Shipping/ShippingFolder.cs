using System.Text.Json.Nodes;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Markets;
using LiveCross.Server.Shipping;

namespace LiveCross.Server.Tests.Shipping;

/// <summary>A temporary copy of the shipped shipping data, to break one thing at a time; deleted afterwards.</summary>
public sealed class ShippingFolder : IDisposable
{
    public ShippingFolder()
    {
        foreach (var file in Directory.GetFiles(ShippingFiles.DefaultFolder, "*.json", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(ShippingFiles.DefaultFolder, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "livecross-shipping-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Rewrites <paramref name="file"/> (e.g. "Lanes/CN.json") after <paramref name="edit"/> changed its JSON.</summary>
    public ShippingFolder Edit(string file, Action<JsonObject> edit)
    {
        var path = System.IO.Path.Combine(Path, file);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString(ShippingFiles.Json));
        return this;
    }

    public ShippingFolder WriteText(string file, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), text);
        return this;
    }

    public ShippingData Load() => ShippingFiles.LoadAll(Path, ShippedMarkets.Definitions, ShippedMarkets.Rates);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The market files and exchange-rate snapshot that ship with the server, as the shipping data is checked against them.</summary>
public static class ShippedMarkets
{
    public static readonly IReadOnlyList<MarketDefinition> Definitions = MarketFiles.LoadAll(MarketFiles.DefaultFolder).Select(f => f.Definition).ToList();

    public static readonly ExchangeRateTable Rates = LoadRates();

    private static ExchangeRateTable LoadRates()
    {
        var snapshot = ExchangeRateSnapshot.Load(ExchangeRateSnapshot.DefaultPath);
        var pivot = CurrencyCode.Parse(snapshot.Base);
        return new ExchangeRateTable(snapshot.Rates.Select(r => new ExchangeRate(pivot, CurrencyCode.Parse(r.Key), r.Value, snapshot.Source, snapshot.AsOf)));
    }
}

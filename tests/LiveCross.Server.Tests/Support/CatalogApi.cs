using System.Net;
using System.Text.Json;

namespace LiveCross.Server.Tests.Support;

/// <summary>The seller and shopper catalog calls tests make again and again.</summary>
public static class CatalogApi
{
    public const string SellerProducts = "/api/v1/seller/products";

    public static async Task<JsonElement> CreateProductAsync(this HttpClient seller, ProductBuilder product) =>
        await (await seller.SendJsonAsync(HttpMethod.Post, SellerProducts, product.ToJson())).ShouldBeJsonAsync(HttpStatusCode.Created);

    public static Task<JsonElement> SellerProductAsync(this HttpClient seller, Guid id) => seller.GetJsonAsync($"{SellerProducts}/{id}");

    /// <summary>The seller's product as raw JSON, to compare before and after a request that must not change it.</summary>
    public static async Task<string> SellerSnapshotAsync(this HttpClient seller, Guid id) => (await seller.SellerProductAsync(id)).GetRawText();

    public static async Task<int> SellerProductCountAsync(this HttpClient seller) =>
        (await seller.GetJsonAsync($"{SellerProducts}?pageSize=1")).GetProperty("total").GetInt32();

    public static Task<HttpResponseMessage> PublicProductAsync(this HttpClient shopper, Guid id, string market, string? locale = null) =>
        shopper.GetAsync($"/api/v1/products/{id}?market={market}" + (locale is null ? "" : $"&locale={Uri.EscapeDataString(locale)}"), Api.Cancel);

    public static Task<JsonElement> SearchAsync(this HttpClient shopper, string market, string q, string? locale = null) =>
        shopper.GetJsonAsync($"/api/v1/products?market={market}&pageSize=100&q={Uri.EscapeDataString(q)}" + (locale is null ? "" : $"&locale={Uri.EscapeDataString(locale)}"));

    /// <summary>The stored rate for one unit of <paramref name="baseCurrency"/> in <paramref name="quote"/>, as the API publishes it.</summary>
    public static async Task<decimal> RateAsync(this HttpClient client, string baseCurrency, string quote)
    {
        var rates = await client.GetJsonAsync("/api/v1/exchange-rates");
        return rates.EnumerateArray()
            .Single(r => r.GetProperty("base").GetString() == baseCurrency && r.GetProperty("quote").GetString() == quote)
            .GetProperty("rate").GetDecimal();
    }

    /// <summary>A converted shelf price: rounded half away from zero to the currency's minor units.</summary>
    public static decimal Converted(decimal amount, decimal rate, int minorUnits) =>
        decimal.Round(amount * rate, minorUnits, MidpointRounding.AwayFromZero);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;

namespace LiveCross.Browser.Tests;

/// <summary>A product a test owns: made through the seller API with a unique SKU, so tests sharing a server do not meet.</summary>
public sealed record TestProduct(Guid Id, string Sku, string Title);

public static class TestProducts
{
    /// <summary>An active one-SKU product of seller1 (voltwave, prices in USD): earphones, HS 851830, made in China.</summary>
    public static Task<TestProduct> CreateAsync(LiveCrossApp app, string title, decimal priceUsd, CancellationToken cancellationToken) =>
        CreateAsync(app, DemoAccounts.Seller1, "electronics/audio", "851830", title, priceUsd, cancellationToken);

    /// <summary>A product of seller1 (price in USD) with <paramref name="onHand"/> units in its Shenzhen warehouse.</summary>
    public static async Task<TestProduct> CreateStockedAsync(LiveCrossApp app, string title, decimal priceUsd, int onHand, CancellationToken cancellationToken)
    {
        var product = await CreateAsync(app, title, priceUsd, cancellationToken);
        using var seller = await app.ClientForAsync(DemoAccounts.Seller1);
        var warehouses = await seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/warehouses", LiveCrossApp.Json, cancellationToken);
        var shenzhen = warehouses.EnumerateArray().First(w => w.GetProperty("name").GetString()!.Contains("Shenzhen", StringComparison.Ordinal)).GetProperty("id").GetGuid();
        var response = await seller.PutAsJsonAsync("/api/v1/seller/stock", new { sku = product.Sku, warehouseId = shenzhen, onHand }, cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return product;
    }

    /// <summary>An active one-SKU product of seller2 (silk-bloom, prices in CNY): a cotton T-shirt, HS 610910, made in China.</summary>
    public static Task<TestProduct> CreateApparelAsync(LiveCrossApp app, string title, decimal priceCny, CancellationToken cancellationToken) =>
        CreateAsync(app, DemoAccounts.Seller2, "apparel/women", "610910", title, priceCny, cancellationToken);

    private static async Task<TestProduct> CreateAsync(
        LiveCrossApp app, string sellerEmail, string category, string hsCode, string title, decimal price, CancellationToken cancellationToken)
    {
        var sku = "BT-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var seller = await app.ClientForAsync(sellerEmail);
        var response = await seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            category,
            hsCode,
            originCountry = "CN",
            weightGrams = 300,
            status = "active",
            defaultLocale = "en",
            translations = new[] { new { locale = "en", title, description = "Made by a browser test." } },
            variants = new[] { new { sku, price } },
        }, cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(cancellationToken));
        var product = await response.Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, cancellationToken);
        return new TestProduct(product.GetProperty("id").GetGuid(), sku, title);
    }

    /// <summary>Takes the product off sale in one market, as a seller does for goods not cleared there.</summary>
    public static async Task BlockAsync(LiveCrossApp app, TestProduct product, string market, CancellationToken cancellationToken)
    {
        using var seller = await app.ClientForAsync("seller1@livecross.test");
        var response = await seller.PutAsJsonAsync($"/api/v1/seller/products/{product.Id}/markets/{market}",
            new { blocked = true, reason = "Not cleared for sale here." }, cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Testing;

namespace LiveCross.Browser.Tests;

/// <summary>A product a test owns: made through the seller API with a unique SKU, so tests sharing a server do not meet.</summary>
public sealed record TestProduct(Guid Id, string Sku, string Title);

public static class TestProducts
{
    /// <summary>An active one-SKU product of seller1 (voltwave, prices in USD).</summary>
    public static async Task<TestProduct> CreateAsync(LiveCrossApp app, string title, decimal priceUsd, CancellationToken cancellationToken)
    {
        var sku = "BT-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var seller = await app.ClientForAsync("seller1@livecross.test");
        var response = await seller.PostAsJsonAsync("/api/v1/seller/products", new
        {
            category = "electronics/audio",
            hsCode = "851830",
            originCountry = "CN",
            weightGrams = 300,
            status = "active",
            defaultLocale = "en",
            translations = new[] { new { locale = "en", title, description = "Made by a browser test." } },
            variants = new[] { new { sku, price = priceUsd } },
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

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Catalog;

/// <summary>
/// The public list is served from a per-node cache of rendered pages. Each test reads the list first, so the
/// old page is cached, then changes the catalog and expects the very next read to show the change.
/// </summary>
public abstract class PublicListFreshnessTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seller_edit_is_in_the_public_list_right_after_saving()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var token = Token();
        var product = await CreateAsync(seller, token, $"Desk lamp {token}");
        (await ListAsync(token)).Single().GetProperty("title").GetString().ShouldBe($"Desk lamp {token}");

        var edit = await seller.PutAsJsonAsync($"/api/v1/seller/products/{product.Id}", Input(token, $"Reading lamp {token}", 25.00m, product.Version), Cancel);
        edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync(Cancel));

        (await ListAsync(token)).Single().GetProperty("title").GetString().ShouldBe($"Reading lamp {token}");
    }

    [Fact]
    public async Task Archived_product_leaves_the_public_list_at_once()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var token = Token();
        var product = await CreateAsync(seller, token, $"Travel mug {token}");
        (await ListAsync(token)).Count.ShouldBe(1);

        var archive = await seller.PostAsync($"/api/v1/seller/products/{product.Id}/archive", null, Cancel);
        archive.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ListAsync(token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Fixed_price_for_a_market_is_in_its_list_at_once_and_a_block_hides_the_product_there()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var token = Token();
        await CreateAsync(seller, token, $"Phone stand {token}");
        var product = await CreateAsync(seller, token + "b", $"Cable tidy {token}");
        (await ListAsync(token)).Count.ShouldBe(2);

        var price = await seller.PutAsJsonAsync($"/api/v1/seller/products/{product.Id}/markets/DE",
            new { blocked = false, prices = new[] { new { sku = Sku(token + "b"), amount = 19.99m } } }, Cancel);
        price.StatusCode.ShouldBe(HttpStatusCode.OK, await price.Content.ReadAsStringAsync(Cancel));
        var priced = (await ListAsync(token)).Single(i => i.GetProperty("id").GetGuid() == product.Id).GetProperty("price");
        priced.GetProperty("amount").GetDecimal().ShouldBe(19.99m);
        priced.GetProperty("currency").GetString().ShouldBe("EUR");

        var block = await seller.PutAsJsonAsync($"/api/v1/seller/products/{product.Id}/markets/DE", new { blocked = true, reason = "Not certified." }, Cancel);
        block.StatusCode.ShouldBe(HttpStatusCode.OK, await block.Content.ReadAsStringAsync(Cancel));
        (await ListAsync(token)).ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldNotBe(product.Id);
    }

    [Fact]
    public async Task New_exchange_rate_reprices_the_public_list_at_once()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var token = Token();
        await CreateAsync(seller, token, $"Power bank {token}", price: 100.00m);
        var before = (await ListAsync(token)).Single().GetProperty("price").GetProperty("amount").GetDecimal();
        before.ShouldNotBe(50.00m);

        using var admin = await App.ClientForAsync(DemoAccounts.Admin);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var rate = await admin.PostAsJsonAsync("/api/v1/admin/exchange-rates",
            new { @base = "USD", quote = "EUR", rate = 0.5m, source = "test desk", asOf = tomorrow }, Cancel);
        rate.StatusCode.ShouldBe(HttpStatusCode.Created, await rate.Content.ReadAsStringAsync(Cancel));

        (await ListAsync(token)).Single().GetProperty("price").GetProperty("amount").GetDecimal().ShouldBe(50.00m);
    }

    [Fact]
    public async Task Benchmark_reference_endpoint_does_not_exist_in_a_normal_run()
    {
        using var client = App.CreateClient();
        var response = await client.GetAsync("/bench/reference/products", Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var quote = await client.PostAsync("/bench/reference/quote", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Cancel);
        quote.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private sealed record Created(Guid Id, Guid Version);

    private async Task<List<JsonElement>> ListAsync(string token)
    {
        using var shopper = App.CreateClient();
        var page = await shopper.GetFromJsonAsync<JsonElement>($"/api/v1/products?market=DE&locale=de&q={token}", Cancel);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<Created> CreateAsync(HttpClient seller, string token, string title, decimal price = 25.00m)
    {
        var response = await seller.PostAsJsonAsync("/api/v1/seller/products", Input(token, title, price, version: null), Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<Created>(LiveCrossApp.Json, Cancel))!;
    }

    private static object Input(string token, string title, decimal price, Guid? version) => new
    {
        category = "home/kitchen",
        hsCode = "940540",
        originCountry = "CN",
        weightGrams = 500,
        status = "active",
        defaultLocale = "en",
        translations = new[] { new { locale = "en", title, description = "Made for the freshness tests." } },
        variants = new[] { new { sku = Sku(token), price } },
        version,
    };

    private static string Token() => "fresh" + Guid.NewGuid().ToString("N")[..10];

    private static string Sku(string token) => token.ToUpperInvariant();
}

public sealed class PublicListFreshnessTestsOnSqlite(SqliteAppFixture fixture) : PublicListFreshnessTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PublicListFreshnessTestsOnPostgres(PostgresAppFixture fixture) : PublicListFreshnessTests(fixture), IClassFixture<PostgresAppFixture>;

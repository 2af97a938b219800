using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Platform;

/// <summary>Two server nodes on one PostgreSQL database behave as one platform.</summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task A_token_issued_by_one_node_is_accepted_by_another_and_writes_are_seen_by_both()
    {
        var server = await PostgresServer.SharedAsync();
        var connection = await server.CreateDatabaseAsync("scaleout");
        await using var nodeA = new LiveCrossApp(TestDatabase.Postgres, connection);
        await using var nodeB = new LiveCrossApp(TestDatabase.Postgres, connection);
        var ct = TestContext.Current.CancellationToken;

        using var sellerOnA = await nodeA.ClientForAsync(DemoAccounts.Seller1);
        using var sellerOnB = nodeB.CreateClient();
        sellerOnB.DefaultRequestHeaders.Authorization = sellerOnA.DefaultRequestHeaders.Authorization;

        var me = await sellerOnB.GetAsync("/api/v1/account/me", ct);
        me.StatusCode.ShouldBe(HttpStatusCode.OK);

        var created = await sellerOnA.PostAsJsonAsync("/api/v1/seller/products", new
        {
            category = "electronics/audio",
            hsCode = "851830",
            originCountry = "CN",
            weightGrams = 120,
            status = "active",
            defaultLocale = "en",
            translations = new[] { new { locale = "en", title = "Scale-out earbuds", description = "Made on node A" } },
            variants = new[] { new { sku = "SCALE-OUT-1", price = 10.00m } },
        }, ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        using var shopperOnB = nodeB.CreateClient();
        var detail = await shopperOnB.GetFromJsonAsync<JsonElement>($"/api/v1/products/{id}?market=US", ct);
        detail.GetProperty("title").GetString().ShouldBe("Scale-out earbuds");
        detail.GetProperty("price").GetProperty("amount").GetDecimal().ShouldBe(10.00m);
    }

    [Fact]
    public async Task A_quote_token_issued_by_one_node_verifies_on_another()
    {
        var server = await PostgresServer.SharedAsync();
        var connection = await server.CreateDatabaseAsync("scaleout");
        await using var nodeA = new LiveCrossApp(TestDatabase.Postgres, connection);
        await using var nodeB = new LiveCrossApp(TestDatabase.Postgres, connection);
        var ct = TestContext.Current.CancellationToken;
        using var shopperOnA = nodeA.CreateClient();

        var response = await shopperOnA.PostAsJsonAsync("/api/v1/quotes/landed-cost", new
        {
            destination = "GB",
            items = new[] { new { hsCode = "610910", originCountry = "CN", unitPrice = 20.00m } },
        }, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
        var quote = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        await using var scope = nodeB.Services.CreateAsyncScope();
        var verified = scope.ServiceProvider.GetRequiredService<LiveCross.Server.LandedCost.LandedCostQuotes>().Verify(quote.GetProperty("token").GetString());
        verified.Status.ShouldBe(LiveCross.Server.LandedCost.QuoteVerificationStatus.Valid);
        verified.Quote!.Id.ShouldBe(quote.GetProperty("id").GetGuid());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Recommendations;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Feed;

/// <summary>
/// <c>GET /api/v1/feed</c> and "similar items" over the recommender trained from the event store: what shoppers did
/// shapes what they see, and nothing blocked in a shopper's market is ever shown there.
/// </summary>
public sealed class FeedTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private LiveCrossApp App => fixture.App;

    private static CancellationToken Cancel => Api.Cancel;

    private sealed record Seen(List<JsonElement> Entries, int Pages);

    [Fact]
    public async Task The_feed_never_shows_an_item_blocked_in_the_shoppers_market()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var blocked = await ProductAsync(seller, "Laser pointer");
        var allowed = await ProductAsync(seller, "Pointer case");
        // Both were popular in Germany before one was blocked there (it stays sold elsewhere).
        using var shoppers = App.CreateClient();
        for (var i = 0; i < 12; i++) await ViewAsync(shoppers, EventsApi.ClientId(), "DE", blocked, allowed);
        var block = await seller.PutAsJsonAsync($"/api/v1/seller/products/{blocked}/markets/DE", new { blocked = true, reason = "Not certified." }, Cancel);
        block.StatusCode.ShouldBe(HttpStatusCode.OK, await block.Content.ReadAsStringAsync(Cancel));
        await RetrainAsync();

        // The viewer has a history of their own (of something else): a known shopper, not a cold start.
        var viewer = EventsApi.ClientId();
        await ViewAsync(shoppers, viewer, "DE", await ProductAsync(seller, "Pointer stand"));
        await RetrainAsync();
        var germany = await WholeFeedAsync(shoppers, viewer, "DE");
        var usa = await WholeFeedAsync(shoppers, EventsApi.ClientId(), "US");

        germany.Entries.Select(Id).ShouldNotContain(blocked);
        germany.Entries.Select(Id).ShouldContain(allowed);
        usa.Entries.Select(Id).ShouldContain(blocked);
        germany.Entries.Select(Id).ShouldBeUnique();
        germany.Pages.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task Similar_items_of_a_product_are_what_its_viewers_also_viewed()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var lamp = await ProductAsync(seller, "Desk lamp");
        var bulb = await ProductAsync(seller, "Lamp bulb");
        using var shoppers = App.CreateClient();
        for (var i = 0; i < 6; i++) await ViewAsync(shoppers, EventsApi.ClientId(), "DE", lamp, bulb);
        await RetrainAsync();

        var similar = await shoppers.GetJsonAsync($"/api/v1/products/{lamp}/similar?market=DE&locale=en");

        var items = similar.GetProperty("items").EnumerateArray().ToList();
        items.Select(Id).ShouldContain(bulb);
        items.Select(Id).ShouldNotContain(lamp);
        var card = items.First(i => Id(i) == bulb);
        card.GetProperty("kind").GetString().ShouldBe("product");
        card.GetProperty("url").GetString().ShouldBe($"/products/{bulb}");
        card.GetProperty("product").GetProperty("price").Currency().ShouldBe("EUR");
    }

    [Fact]
    public async Task A_first_visit_gets_the_market_s_feed_and_bad_parameters_are_refused()
    {
        using var client = App.CreateClient();

        var first = await client.GetJsonAsync("/api/v1/feed?market=DE&locale=de");
        first.GetProperty("market").GetString().ShouldBe("DE");
        first.GetProperty("entries").GetArrayLength().ShouldBeGreaterThan(0);
        first.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldAllBe(k => k == "video" || k == "live" || k == "product");

        await (await client.GetAsync("/api/v1/feed?market=XX", Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "market");
        await (await client.GetAsync("/api/v1/feed?locale=xx-Nowhere", Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "locale");
        await (await client.GetAsync("/api/v1/feed?cursor=abc", Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await client.GetAsync("/api/v1/feed?cursor=0", Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await client.GetAsync($"/api/v1/products/{Guid.NewGuid()}/similar?market=XX", Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "market");
    }

    private static Guid Id(JsonElement entry) => entry.GetProperty("id").GetGuid();

    private async Task<Guid> ProductAsync(HttpClient seller, string title) =>
        (await seller.CreateProductAsync(ProductBuilder.Titled($"{title} {Unique.Word()}").Variant(Unique.Sku(), 20m).Status("active"))).Id();

    private async Task ViewAsync(HttpClient client, string clientId, string market, params Guid[] products)
    {
        var now = App.Clock.GetUtcNow();
        // Carts and payments are facts the server records itself; from a browser a product view is the signal.
        var batch = EventsApi.Batch([.. products.Select(p => EventsApi.Event("product_view", now, productId: p))]);
        var answer = await client.PostEventsOkAsync(batch, clientId, $"?market={market}");
        answer.GetProperty("accepted").GetInt32().ShouldBe(products.Length);
    }

    private async Task RetrainAsync() => await App.Services.GetRequiredService<RecommendationRetrainer>().RetrainAsync(Cancel);

    /// <summary>Every page of a shopper's feed, following the cursors (bounded: a feed has at most 500 entries).</summary>
    private static async Task<Seen> WholeFeedAsync(HttpClient client, string clientId, string market)
    {
        var entries = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/feed?market={market}&locale=en{(cursor is null ? "" : $"&cursor={cursor}")}");
            request.Headers.Add("X-LiveCross-Client", clientId);
            var page = await (await client.SendAsync(request, Cancel)).ShouldBeJsonAsync();
            entries.AddRange(page.GetProperty("entries").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
            pages++;
        }
        while (cursor is not null && pages < 70);
        return new Seen(entries, pages);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using LiveCross.Server.Events;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Events;

/// <summary>
/// <c>GET /api/v1/seller/videos/figures</c> on a small hand-made event set: views, watch time and completion per video,
/// and carts, orders and GMV credited to the video whose tag the same shopper clicked last.
/// </summary>
public sealed class VideoFiguresTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task Figures_count_views_watch_time_completion_tag_clicks_and_credit_carts_orders_and_gmv_to_the_last_clicked_video()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var item = await seller.StockedSkuAsync(20.00m, 10);
        var (first, second, foreign) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var now = App.Clock.GetUtcNow();
        using var ann = App.CreateClient();
        var annId = EventsApi.ClientId();
        ann.DefaultRequestHeaders.Add(EventIngest.ClientHeader, annId);
        using var bob = App.CreateClient();
        var bobId = EventsApi.ClientId();

        await ann.PostEventsOkAsync(EventsApi.Batch(
            EventsApi.Event("view_start", now, videoId: first),
            EventsApi.Event("watch_progress", now, videoId: first, percent: 50, watchSeconds: 15),
            EventsApi.Event("watch_progress", now, videoId: first, percent: 100, watchSeconds: 30),
            EventsApi.Event("tag_click", now.AddSeconds(-10), videoId: second, productId: item.ProductId),
            EventsApi.Event("tag_click", now, videoId: first, productId: item.ProductId),
            EventsApi.Event("tag_click", now, videoId: foreign, productId: Guid.NewGuid())), clientId: null);
        await bob.PostEventsOkAsync(EventsApi.Batch(
            EventsApi.Event("view_start", now, videoId: first),
            EventsApi.Event("watch_progress", now, videoId: first, percent: 25, watchSeconds: 10),
            EventsApi.Event("view_start", now, videoId: second)), bobId);
        // Ann adds the product to her cart and buys it as a guest; Bob never clicked a tag, so his cart is credited to no video.
        await (await ann.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items?market=DE", new JsonObject { ["sku"] = item.Sku, ["quantity"] = 1 })).ShouldBeJsonAsync();
        await (await bob.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items?market=DE", new JsonObject { ["sku"] = item.Sku, ["quantity"] = 1 })).ShouldBeJsonAsync();
        var order = await ann.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("figures"), (item.Sku, 2)));
        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded));
        await App.WaitForPaymentEventsAsync();

        var figures = await seller.GetJsonAsync(EventsModule.FiguresPath);

        var videos = figures.GetProperty("videos").EnumerateArray().ToDictionary(v => v.GetProperty("videoId").GetGuid());
        videos.Keys.ShouldContain(first);
        videos.Keys.ShouldContain(second);
        videos.Keys.ShouldNotContain(foreign);
        var one = videos[first];
        one.GetProperty("views").GetInt64().ShouldBe(2);
        one.GetProperty("averageWatchSeconds").GetDouble().ShouldBe(20.0); // Ann's longest 30 s + Bob's 10 s over 2 views
        one.GetProperty("completionRate").GetDouble().ShouldBe(0.5);
        one.GetProperty("tagClicks").GetInt64().ShouldBe(1);
        one.GetProperty("addToCarts").GetInt64().ShouldBe(1);
        one.GetProperty("orders").GetInt64().ShouldBe(1);
        var gmv = one.GetProperty("gmv").EnumerateArray().ShouldHaveSingleItem();
        gmv.Amount().ShouldBe(order.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("lineTotal").Amount()));
        gmv.Currency().ShouldBe("EUR");
        var two = videos[second];
        (two.GetProperty("views").GetInt64(), two.GetProperty("tagClicks").GetInt64(), two.GetProperty("addToCarts").GetInt64(), two.GetProperty("orders").GetInt64())
            .ShouldBe((1L, 1L, 0L, 0L));
        two.GetProperty("gmv").GetArrayLength().ShouldBe(0);

        using var stranger = await App.ClientForAsync(DemoAccounts.Seller2);
        var theirs = await stranger.GetJsonAsync(EventsModule.FiguresPath);
        theirs.GetProperty("videos").EnumerateArray().Select(v => v.GetProperty("videoId").GetGuid()).ShouldNotContain(first);
    }

    [Fact]
    public async Task The_figures_page_shows_a_table_row_and_a_chart_bar_per_video()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var item = await seller.StockedSkuAsync(10.00m, 1);
        var video = Guid.NewGuid();
        using var shopper = App.CreateClient();
        await shopper.PostEventsOkAsync(EventsApi.Batch(
            EventsApi.Event("view_start", App.Clock.GetUtcNow(), videoId: video),
            EventsApi.Event("tag_click", App.Clock.GetUtcNow(), videoId: video, productId: item.ProductId)), EventsApi.ClientId());
        using var browser = App.CreateClient();
        (await browser.SubmitAsync("/account/login", [new("_handler", "login"), new("Input.Email", DemoAccounts.Seller1), new("Input.Password", DemoAccounts.Password)]))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await browser.GetAsync("/seller/videos/figures", Api.Cancel);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(Api.Cancel);
        html.ShouldContain($"data-video-id=\"{video}\"");
        html.ShouldContain("<svg");
    }
}

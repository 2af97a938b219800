using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Live;

/// <summary>
/// The host console's live figures (<c>GET /api/v1/seller/live-sessions/{id}/figures</c>): the session's orders are its
/// flash-sale claims that stand, GMV their flash price times quantity, per minute; viewers and likes come from the room.
/// </summary>
public abstract class SessionFiguresTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task Orders_and_gmv_are_the_session_s_standing_flash_sale_claims_counted_per_minute()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var (session, skuId) = await LiveSessionWithSkuAsync(seller);
        var inSession = await CreateSaleAsync(seller, skuId, quantity: 5, price: 9.99m, session);
        var elsewhere = await CreateSaleAsync(seller, skuId, quantity: 5, price: 1.00m, sessionId: null);
        using var ann = await CustomerAsync();
        using var bob = await CustomerAsync();
        (await AttemptAsync(ann, inSession, "ann-1", 2)).ShouldBe("Accepted");
        (await AttemptAsync(bob, inSession, "bob-1", 1)).ShouldBe("Accepted");
        (await AttemptAsync(bob, elsewhere, "bob-2", 1)).ShouldBe("Accepted");

        var figures = await FiguresAsync(seller, session);

        figures.GetProperty("orders").GetInt32().ShouldBe(2);
        figures.GetProperty("units").GetInt32().ShouldBe(3);
        figures.GetProperty("gmv").Amount().ShouldBe(29.97m);
        figures.GetProperty("gmv").Currency().ShouldBe("USD");
        var minutes = figures.GetProperty("perMinute").EnumerateArray().ToList();
        minutes.Count.ShouldBeInRange(1, 30);
        minutes.Sum(m => m.GetProperty("orders").GetInt32()).ShouldBe(2);
        minutes.Sum(m => m.GetProperty("gmv").GetDecimal()).ShouldBe(29.97m);
        var sale = figures.GetProperty("flashSales").EnumerateArray().Single();
        sale.GetProperty("saleId").GetGuid().ShouldBe(inSession);
        (sale.GetProperty("claims").GetInt32(), sale.GetProperty("claimed").GetInt32(), sale.GetProperty("remaining").GetInt32()).ShouldBe((2, 3, 2));
    }

    [Fact]
    public async Task A_claim_that_expired_unpaid_is_no_longer_an_order()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var (session, skuId) = await LiveSessionWithSkuAsync(seller);
        var sale = await CreateSaleAsync(seller, skuId, quantity: 3, price: 12.50m, session, durationSeconds: 3600);
        using var ann = await CustomerAsync();
        using var bob = await CustomerAsync();
        (await AttemptAsync(ann, sale, "ann-1", 1)).ShouldBe("Accepted");
        (await FiguresAsync(seller, session)).GetProperty("orders").GetInt32().ShouldBe(1);

        App.Clock.Advance(TimeSpan.FromMinutes(11));
        (await App.Services.GetRequiredService<ClaimExpiryJob>().SweepAsync(Api.Cancel)).ShouldBeGreaterThanOrEqualTo(1);
        (await AttemptAsync(bob, sale, "bob-1", 2)).ShouldBe("Accepted");

        var figures = await FiguresAsync(seller, session);
        figures.GetProperty("orders").GetInt32().ShouldBe(1);
        figures.GetProperty("units").GetInt32().ShouldBe(2);
        figures.GetProperty("gmv").Amount().ShouldBe(25.00m);
        figures.GetProperty("perMinute").EnumerateArray().Last().GetProperty("orders").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Viewers_and_likes_are_the_room_s()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var (session, _) = await LiveSessionWithSkuAsync(seller);
        using var viewer = await CustomerAsync();
        await using var room = await RoomClient.ConnectAsync(App, viewer.DefaultRequestHeaders.Authorization!.Parameter);
        await room.JoinAsync(session);
        (await room.Hub.InvokeAsync<SendResult>("Like", session, 7, Api.Cancel)).Accepted.ShouldBeTrue();

        var figures = await FiguresAsync(seller, session);

        figures.GetProperty("viewers").GetInt32().ShouldBe(1);
        figures.GetProperty("peakViewers").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        figures.GetProperty("likes").GetInt64().ShouldBe(7);
        figures.GetProperty("orders").GetInt32().ShouldBe(0);
        figures.GetProperty("status").GetString().ShouldBe("live");
    }

    [Fact]
    public async Task Another_seller_s_session_and_an_unknown_one_are_not_found()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        using var customer = await CustomerAsync();
        var (session, _) = await LiveSessionWithSkuAsync(seller1);

        (await seller2.GetAsync($"{LiveApi.SellerSessions}/{session}/figures", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await seller1.GetAsync($"{LiveApi.SellerSessions}/{Guid.NewGuid()}/figures", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await customer.GetAsync($"{LiveApi.SellerSessions}/{session}/figures", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.CreateClient().GetAsync($"{LiveApi.SellerSessions}/{session}/figures", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<JsonElement> FiguresAsync(HttpClient seller, Guid session) => await seller.GetJsonAsync($"{LiveApi.SellerSessions}/{session}/figures");

    /// <summary>A live session of seller1 whose line-up is one new stocked product (USD); its SKU's id.</summary>
    private static async Task<(Guid Session, Guid SkuId)> LiveSessionWithSkuAsync(HttpClient seller)
    {
        var stocked = await seller.StockedSkuAsync(30.00m, 100);
        var skuId = (await seller.GetJsonAsync($"/api/v1/seller/products/{stocked.ProductId}")).GetProperty("variants")[0].Id();
        var session = (await seller.CreateSessionAsync(LiveApi.Session($"Figures {Unique.Word()}", stocked.ProductId))).Id();
        (await seller.MoveAsync(session, "go-live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (session, skuId);
    }

    private static async Task<Guid> CreateSaleAsync(HttpClient seller, Guid skuId, int quantity, decimal price, Guid? sessionId, int durationSeconds = 600)
    {
        var body = new JsonObject
        {
            ["skuId"] = skuId.ToString(),
            ["quantity"] = quantity,
            ["price"] = new JsonObject { ["amount"] = price, ["currency"] = "USD" },
            ["perCustomerLimit"] = 2,
            ["durationSeconds"] = durationSeconds,
            ["sessionId"] = sessionId?.ToString(),
        };
        return (await (await seller.SendJsonAsync(HttpMethod.Post, "/api/v1/seller/flash-sales", body)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
    }

    private async Task<HttpClient> CustomerAsync()
    {
        var email = Unique.Email("figures");
        const string password = "Figures-buyer-pass-1";
        using var anonymous = App.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/v1/account/register", new { email, password }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        return await App.ClientForAsync(email, password);
    }

    private static async Task<string> AttemptAsync(HttpClient customer, Guid sale, string key, int quantity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{sale}/attempts") { Content = Api.JsonContent(new JsonObject { ["quantity"] = quantity }) };
        request.Headers.Add("Idempotency-Key", key);
        return (await (await customer.SendAsync(request, Api.Cancel)).ShouldBeJsonAsync()).GetProperty("outcome").GetString()!;
    }
}

public sealed class SessionFiguresTestsOnSqlite(SqliteAppFixture fixture) : SessionFiguresTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SessionFiguresTestsOnPostgres(PostgresAppFixture fixture) : SessionFiguresTests(fixture), IClassFixture<PostgresAppFixture>;

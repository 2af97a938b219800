using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Platform;

/// <summary>
/// Every seller-console endpoint keeps each seller to its own data. The list of endpoints below must
/// match the app's: a new seller endpoint fails <see cref="Every_seller_endpoint_is_covered_by_the_tenancy_walk"/>
/// until it is added here, so it cannot ship without a cross-tenant check.
/// </summary>
public abstract class SellerTenancyTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    /// <summary>What another seller goes after: a product (id, one SKU, the version last read), the warehouse holding its stock, and an order of it.</summary>
    private sealed record Target(Guid Id, string Sku, Guid Version, Guid WarehouseId, Guid OrderId, Guid SessionId, Guid SessionVersion, Guid VariantId, Guid FlashSaleId,
        Guid LiveSessionId, Guid DrawId, Guid CouponId, Guid VideoId, Guid UploadId)
    {
        public IEnumerable<Guid> Ids => [Id, WarehouseId, OrderId, SessionId, VariantId, FlashSaleId, LiveSessionId, DrawId, CouponId, VideoId, UploadId];
    }

    private enum Outcome
    {
        /// <summary>The endpoint addresses the product by id: a stranger must get 404 or 403.</summary>
        Refused,

        /// <summary>The endpoint works on the caller's own catalog: it may succeed, but never shows or touches the target.</summary>
        OwnDataOnly,
    }

    private static readonly Dictionary<string, (Outcome Outcome, Func<HttpClient, Target, Task<HttpResponseMessage>> Call)> SellerEndpoints = new()
    {
        ["GET /api/v1/seller/products"] = (Outcome.OwnDataOnly, (c, t) => c.GetAsync($"{CatalogApi.SellerProducts}?q={t.Sku}", Api.Cancel)),
        ["POST /api/v1/seller/products"] = (Outcome.OwnDataOnly, (c, t) => c.SendJsonAsync(HttpMethod.Post, CatalogApi.SellerProducts,
            ProductBuilder.Titled("Same SKU, other seller").Variant(t.Sku, 10.00m).ToJson(t.Version))),
        ["GET /api/v1/seller/products/{id:guid}"] = (Outcome.Refused, (c, t) => c.GetAsync($"{CatalogApi.SellerProducts}/{t.Id}", Api.Cancel)),
        ["PUT /api/v1/seller/products/{id:guid}"] = (Outcome.Refused, (c, t) => c.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{t.Id}",
            ProductBuilder.Titled("Hijacked").Variant(t.Sku, 1.00m).ToJson(t.Version))),
        ["POST /api/v1/seller/products/{id:guid}/archive"] = (Outcome.Refused, (c, t) => c.PostAsync($"{CatalogApi.SellerProducts}/{t.Id}/archive", null, Api.Cancel)),
        ["PUT /api/v1/seller/products/{id:guid}/markets/{market}"] = (Outcome.Refused, (c, t) => c.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{t.Id}/markets/DE",
            new JsonObject { ["blocked"] = true, ["prices"] = new JsonArray(new JsonObject { ["sku"] = t.Sku, ["amount"] = 1.00m }) })),
        ["POST /api/v1/seller/products/import"] = (Outcome.OwnDataOnly, (c, t) => c.PostAsync($"{CatalogApi.SellerProducts}/import", ImportOf(t.Sku), Api.Cancel)),
        ["GET /api/v1/seller/warehouses"] = (Outcome.OwnDataOnly, (c, t) => c.GetAsync(OrdersApi.Warehouses, Api.Cancel)),
        ["POST /api/v1/seller/warehouses"] = (Outcome.OwnDataOnly, (c, t) => c.SendJsonAsync(HttpMethod.Post, OrdersApi.Warehouses,
            new JsonObject { ["name"] = "Rotterdam bonded warehouse", ["country"] = "NL" })),
        ["GET /api/v1/seller/stock"] = (Outcome.OwnDataOnly, (c, t) => c.GetAsync($"{OrdersApi.Stock}?sku={t.Sku}&warehouseId={t.WarehouseId}", Api.Cancel)),
        ["PUT /api/v1/seller/stock"] = (Outcome.OwnDataOnly, (c, t) => c.SendJsonAsync(HttpMethod.Put, OrdersApi.Stock,
            new JsonObject { ["sku"] = t.Sku, ["warehouseId"] = t.WarehouseId.ToString(), ["onHand"] = 0 })),
        ["GET /api/v1/seller/orders"] = (Outcome.OwnDataOnly, (c, t) => c.GetAsync("/api/v1/seller/orders?pageSize=100", Api.Cancel)),
        ["GET /api/v1/seller/orders/{id:guid}"] = (Outcome.Refused, (c, t) => c.GetAsync($"/api/v1/seller/orders/{t.OrderId}", Api.Cancel)),
        ["PUT /api/v1/seller/products/{id:guid}/duty-rates/{market}"] = (Outcome.Refused, (c, t) => c.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{t.Id}/duty-rates/US",
            new JsonObject { ["ratePercent"] = 99m })),
        ["DELETE /api/v1/seller/products/{id:guid}/duty-rates/{market}"] = (Outcome.Refused, (c, t) => c.DeleteAsync($"{CatalogApi.SellerProducts}/{t.Id}/duty-rates/DE", Api.Cancel)),
        // Registrations belong to the caller's seller: a stranger reads and writes its own, never the owner's (the target's snapshot holds its duty rates).
        // A flash sale of the owner's SKU: a stranger can neither start one on it, nor list or end the owner's.
        ["POST /api/v1/seller/flash-sales"] = (Outcome.OwnDataOnly, (c, t) => c.SendJsonAsync(HttpMethod.Post, "/api/v1/seller/flash-sales", new JsonObject
        {
            ["skuId"] = t.VariantId.ToString(),
            ["quantity"] = 5,
            ["perCustomerLimit"] = 1,
            ["durationSeconds"] = 60,
            ["price"] = new JsonObject { ["amount"] = 1.00m, ["currency"] = "CNY" },
        })),
        ["GET /api/v1/seller/flash-sales"] = (Outcome.OwnDataOnly, (c, _) => c.GetAsync("/api/v1/seller/flash-sales", Api.Cancel)),
        ["POST /api/v1/seller/flash-sales/{id:guid}/end"] = (Outcome.Refused, (c, t) => c.PostAsync($"/api/v1/seller/flash-sales/{t.FlashSaleId}/end", null, Api.Cancel)),
        ["GET /api/v1/seller/tax-registrations"] = (Outcome.OwnDataOnly, (c, _) => c.GetAsync("/api/v1/seller/tax-registrations", Api.Cancel)),
        ["PUT /api/v1/seller/tax-registrations"] = (Outcome.OwnDataOnly, (c, _) => c.SendJsonAsync(HttpMethod.Put, "/api/v1/seller/tax-registrations",
            new JsonObject { ["registrations"] = new JsonArray() })),
        // Live sessions: the owner's session (with the product in its line-up) is not found by a stranger, and a stranger's own session cannot take the owner's product.
        ["GET /api/v1/seller/live-sessions"] = (Outcome.OwnDataOnly, (c, _) => c.GetAsync($"{LiveApi.SellerSessions}?pageSize=100", Api.Cancel)),
        ["POST /api/v1/seller/live-sessions"] = (Outcome.OwnDataOnly, (c, t) => c.SendJsonAsync(HttpMethod.Post, LiveApi.SellerSessions, LiveApi.Session("Borrowed line-up", t.Id))),
        ["GET /api/v1/seller/live-sessions/{id:guid}"] = (Outcome.Refused, (c, t) => c.GetAsync($"{LiveApi.SellerSessions}/{t.SessionId}", Api.Cancel)),
        ["PUT /api/v1/seller/live-sessions/{id:guid}"] = (Outcome.Refused, (c, t) => c.SendJsonAsync(HttpMethod.Put, $"{LiveApi.SellerSessions}/{t.SessionId}", SessionChange(t))),
        ["DELETE /api/v1/seller/live-sessions/{id:guid}"] = (Outcome.Refused, (c, t) => c.DeleteAsync($"{LiveApi.SellerSessions}/{t.SessionId}", Api.Cancel)),
        ["POST /api/v1/seller/live-sessions/{id:guid}/stream-key"] = (Outcome.Refused, (c, t) => c.MoveAsync(t.SessionId, "stream-key")),
        ["POST /api/v1/seller/live-sessions/{id:guid}/go-live"] = (Outcome.Refused, (c, t) => c.MoveAsync(t.SessionId, "go-live")),
        ["POST /api/v1/seller/live-sessions/{id:guid}/end"] = (Outcome.Refused, (c, t) => c.MoveAsync(t.SessionId, "end")),
        ["GET /api/v1/seller/videos/figures"] = (Outcome.OwnDataOnly, (c, _) => c.GetAsync("/api/v1/seller/videos/figures", Api.Cancel)),
        ["GET /api/v1/seller/live-sessions/{id:guid}/figures"] = (Outcome.Refused, (c, t) => c.GetAsync($"{LiveApi.SellerSessions}/{t.LiveSessionId}/figures", Api.Cancel)),
        // Draws and coupons in the owner's live session: a stranger can neither start nor end one, nor drop coupons there.
        ["POST /api/v1/seller/live-sessions/{sessionId:guid}/draws"] = (Outcome.Refused, (c, t) => c.SendJsonAsync(HttpMethod.Post, DrawsApi.Draws(t.LiveSessionId), DrawsApi.WatchDraw())),
        ["POST /api/v1/seller/draws/{id:guid}/end"] = (Outcome.Refused, (c, t) => c.PostAsync($"/api/v1/seller/draws/{t.DrawId}/end", null, Api.Cancel)),
        ["POST /api/v1/seller/live-sessions/{sessionId:guid}/coupons"] = (Outcome.Refused, (c, t) => c.SendJsonAsync(HttpMethod.Post, DrawsApi.Coupons(t.LiveSessionId),
            DrawsApi.AmountOff(1m, "CNY", 5, DateTimeOffset.UtcNow.AddHours(1)))),
        ["GET /api/v1/seller/videos"] = (Outcome.OwnDataOnly, (c, _) => c.GetAsync(Videos, Api.Cancel)),
        ["GET /api/v1/seller/videos/{id:guid}"] = (Outcome.Refused, (c, t) => c.GetAsync($"{Videos}/{t.VideoId}", Api.Cancel)),
        ["PUT /api/v1/seller/videos/{id:guid}"] = (Outcome.Refused, (c, t) => c.SendJsonAsync(HttpMethod.Put, $"{Videos}/{t.VideoId}",
            new JsonObject { ["texts"] = new JsonArray(new JsonObject { ["locale"] = "en", ["title"] = "Hijacked" }) })),
        ["PUT /api/v1/seller/videos/{id:guid}/tags"] = (Outcome.Refused, (c, t) => c.SendJsonAsync(HttpMethod.Put, $"{Videos}/{t.VideoId}/tags",
            new JsonObject { ["tags"] = new JsonArray() })),
        ["PUT /api/v1/seller/videos/{id:guid}/captions/{locale}"] = (Outcome.Refused, (c, t) => c.PutAsync($"{Videos}/{t.VideoId}/captions/en",
            new StringContent("WEBVTT\n\n00:00.000 --> 00:01.000\nHijacked\n", Encoding.UTF8, "text/vtt"), Api.Cancel)),
        ["POST /api/v1/seller/videos/{id:guid}/publish"] = (Outcome.Refused, (c, t) => c.PostAsync($"{Videos}/{t.VideoId}/publish", null, Api.Cancel)),
        ["POST /api/v1/seller/videos/{id:guid}/hide"] = (Outcome.Refused, (c, t) => c.PostAsync($"{Videos}/{t.VideoId}/hide", null, Api.Cancel)),
        ["DELETE /api/v1/seller/videos/{id:guid}"] = (Outcome.Refused, (c, t) => c.DeleteAsync($"{Videos}/{t.VideoId}", Api.Cancel)),
        ["DELETE /api/v1/seller/videos/{id:guid}/captions/{locale}"] = (Outcome.Refused, (c, t) => c.DeleteAsync($"{Videos}/{t.VideoId}/captions/en", Api.Cancel)),
        ["POST /api/v1/seller/videos/uploads"] = (Outcome.OwnDataOnly, (c, _) => c.SendJsonAsync(HttpMethod.Post, $"{Videos}/uploads",
            new JsonObject { ["fileName"] = "mine.mp4", ["totalBytes"] = 100 })),
        ["GET /api/v1/seller/videos/uploads/{id:guid}"] = (Outcome.Refused, (c, t) => c.GetAsync($"{Videos}/uploads/{t.UploadId}", Api.Cancel)),
        ["PUT /api/v1/seller/videos/uploads/{id:guid}"] = (Outcome.Refused, (c, t) =>
        {
            var chunk = new ByteArrayContent(new byte[10]);
            chunk.Headers.ContentRange = new System.Net.Http.Headers.ContentRangeHeaderValue(0, 9, 1000);
            return c.PutAsync($"{Videos}/uploads/{t.UploadId}", chunk, Api.Cancel);
        }
        ),
        ["POST /api/v1/seller/videos/uploads/{id:guid}/finish"] = (Outcome.Refused, (c, t) => c.SendJsonAsync(HttpMethod.Post, $"{Videos}/uploads/{t.UploadId}/finish", new JsonObject())),
    };

    private const string Videos = "/api/v1/seller/videos";

    private static JsonObject SessionChange(Target target)
    {
        var body = LiveApi.Session("Hijacked");
        body["version"] = target.SessionVersion.ToString();
        return body;
    }

    [Fact]
    public void Every_seller_endpoint_is_covered_by_the_tenancy_walk()
    {
        var routes = ApiRoutes.Named(App, "/api/v1/seller");

        routes.ShouldNotBeEmpty();
        routes.ShouldBe(SellerEndpoints.Keys, ignoreOrder: true);
    }

    public static TheoryData<string> Endpoints => [.. SellerEndpoints.Keys];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Another_seller_cannot_see_or_change_a_sellers_product(string endpoint)
    {
        using var owner = await App.ClientForAsync(DemoAccounts.Seller1);
        using var stranger = await App.ClientForAsync(DemoAccounts.Seller2);
        var target = await CreateTargetAsync(owner);
        var before = await SnapshotAsync(owner, target);
        var (outcome, call) = SellerEndpoints[endpoint];

        var response = await call(stranger, target);

        var body = await response.Content.ReadAsStringAsync(Api.Cancel);
        if (outcome == Outcome.Refused)
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.NotFound, HttpStatusCode.Forbidden], body);
        else
            ((int)response.StatusCode).ShouldBeLessThan(500, body);
        foreach (var id in target.Ids) body.ShouldNotContain(id.ToString(), Case.Insensitive);
        (await SnapshotAsync(owner, target)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Anonymous_caller_is_asked_to_sign_in_on_every_seller_endpoint(string endpoint)
    {
        using var owner = await App.ClientForAsync(DemoAccounts.Seller1);
        using var anonymous = App.CreateClient();
        var target = await CreateTargetAsync(owner);
        var before = await SnapshotAsync(owner, target);

        var response = await SellerEndpoints[endpoint].Call(anonymous, target);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await SnapshotAsync(owner, target)).ShouldBe(before);
    }

    public static TheoryData<string, string> NonSellerCalls =>
        new(from endpoint in SellerEndpoints.Keys
            from account in new[] { DemoAccounts.Customer1, DemoAccounts.Creator, DemoAccounts.Admin }
            select (endpoint, account));

    [Theory]
    [MemberData(nameof(NonSellerCalls))]
    public async Task Signed_in_account_that_is_not_seller_staff_is_forbidden(string endpoint, string account)
    {
        using var owner = await App.ClientForAsync(DemoAccounts.Seller1);
        using var caller = await App.ClientForAsync(account);
        var target = await CreateTargetAsync(owner);
        var before = await SnapshotAsync(owner, target);

        var response = await SellerEndpoints[endpoint].Call(caller, target);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await SnapshotAsync(owner, target)).ShouldBe(before);
    }

    [Fact]
    public async Task Each_sellers_list_holds_only_its_own_products()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        using var shopper = App.CreateClient();
        var word = Unique.Word();
        var mine = await seller1.CreateProductAsync(ProductBuilder.Titled($"Cable Organizer {word}"));
        var theirs = await seller2.CreateProductAsync(ProductBuilder.Titled($"Silk Scrunchie {word}").Category("apparel/accessories").HsCode("611780"));

        (await seller1.GetJsonAsync($"{CatalogApi.SellerProducts}?q={word}")).Ids().ShouldBe([mine.Id()]);
        (await seller2.GetJsonAsync($"{CatalogApi.SellerProducts}?q={word}")).Ids().ShouldBe([theirs.Id()]);
        (await shopper.SearchAsync("US", word)).Ids().ShouldBe([mine.Id(), theirs.Id()], ignoreOrder: true);

        foreach (var (client, email) in new[] { (seller1, DemoAccounts.Seller1), (seller2, DemoAccounts.Seller2) })
        {
            var sellerId = (await client.GetJsonAsync("/api/v1/account/me")).GetProperty("sellerId").GetGuid();
            var list = await client.GetJsonAsync($"{CatalogApi.SellerProducts}?status=active&pageSize=100");
            list.Items().ShouldNotBeEmpty();
            foreach (var id in list.Ids())
            {
                var shown = await (await shopper.PublicProductAsync(id, "US")).ShouldBeJsonAsync();
                shown.GetProperty("seller").GetProperty("id").GetGuid().ShouldBe(sellerId, $"{email} lists {id}");
            }
        }
    }

    /// <summary>A seller-1 product with a market rule, a fixed price, stock and an order, so that a change to any part shows in its snapshot.</summary>
    private async Task<Target> CreateTargetAsync(HttpClient owner)
    {
        var sku = Unique.Sku("VW");
        var created = await owner.CreateProductAsync(ProductBuilder.Titled($"Wireless Charger {Unique.Word()}").Variant(sku, 29.00m));
        var ruled = await (await owner.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}/markets/JP",
            new JsonObject { ["prices"] = new JsonArray(new JsonObject { ["sku"] = sku, ["amount"] = 3980m }) })).ShouldBeJsonAsync();
        await (await owner.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}/duty-rates/DE", new JsonObject { ["ratePercent"] = 2m })).ShouldBeJsonAsync();
        var warehouse = (await owner.WarehousesAsync())["Shenzhen Longhua DC"];
        await owner.SetStockAsync(sku, warehouse, 5);
        using var buyer = App.CreateClient();
        var order = await buyer.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("tenancy"), (sku, 1)));
        var session = await owner.CreateSessionAsync(LiveApi.Session($"Charger night {Unique.Word()}", created.Id()));
        var variantId = ruled.GetProperty("variants")[0].Id();
        var sale = await (await owner.SendJsonAsync(HttpMethod.Post, "/api/v1/seller/flash-sales", new JsonObject
        {
            ["skuId"] = variantId.ToString(),
            ["quantity"] = 3,
            ["perCustomerLimit"] = 1,
            ["durationSeconds"] = 600,
            ["price"] = new JsonObject { ["amount"] = 19.00m, ["currency"] = "USD" },
        })).ShouldBeJsonAsync(HttpStatusCode.Created);
        var live = await owner.LiveSessionAsync();
        var draw = await owner.StartDrawAsync(live, DrawsApi.WatchDraw(durationSeconds: 3600));
        var coupon = await (await owner.SendJsonAsync(HttpMethod.Post, DrawsApi.Coupons(live), DrawsApi.AmountOff(2m, "USD", 3, DateTimeOffset.UtcNow.AddHours(2))))
            .ShouldBeJsonAsync(HttpStatusCode.Created);
        var video = await VideoOfSeller1Async();
        var upload = await (await owner.SendJsonAsync(HttpMethod.Post, $"{Videos}/uploads", new JsonObject { ["fileName"] = "owner.mp4", ["totalBytes"] = 1000 }))
            .ShouldBeJsonAsync(HttpStatusCode.Created);
        return new Target(created.Id(), sku, ruled.GetProperty("version").GetGuid(), warehouse, order.Id(), session.Id(), session.GetProperty("version").GetGuid(), variantId, sale.Id(),
            live, draw.Id(), coupon.Id(), video, upload.Id());
    }

    /// <summary>A transcoded (ready) video of seller 1, written straight to the database so the walk needs no ffmpeg.</summary>
    private async Task<Guid> VideoOfSeller1Async()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Server.Platform.Database.LiveCrossDbContext>();
        var seller = await db.Sellers.SingleAsync(s => s.Slug == DemoSeeder.ElectronicsSlug, Api.Cancel);
        var staff = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Seller1, Api.Cancel);
        var video = new Server.Videos.Video
        {
            SellerId = seller.Id,
            UploadedBy = staff.Id,
            SourceKey = "videos/none/source.mp4",
            DurationSeconds = 5,
            Width = 320,
            Height = 240,
            Status = Server.Videos.VideoStatus.Ready,
            Job = Server.Videos.TranscodeState.Done,
            Progress = 100,
        };
        video.Texts.Add(new Server.Videos.VideoText { VideoId = video.Id, Locale = "en", Title = "Owner's video" });
        db.Videos.Add(video);
        await db.SaveChangesAsync(Api.Cancel);
        return video.Id;
    }

    /// <summary>Everything of the target the owner sees: product, stock, order and live session.</summary>
    private static async Task<string> SnapshotAsync(HttpClient owner, Target target) =>
        await owner.SellerSnapshotAsync(target.Id)
        + (await owner.GetJsonAsync($"{LiveApi.SellerSessions}/{target.SessionId}")).GetRawText()
        + (await owner.GetJsonAsync($"{OrdersApi.Stock}?sku={target.Sku}")).GetRawText()
        + (await owner.GetJsonAsync($"/api/v1/seller/orders/{target.OrderId}")).GetRawText()
        + (await owner.GetJsonAsync(OrdersApi.Warehouses)).GetRawText()
        + (await owner.GetJsonAsync($"/api/v1/flash-sales/{target.FlashSaleId}")).GetRawText()
        + (await owner.GetJsonAsync($"/api/v1/flash-sales/{target.FlashSaleId}/claims")).GetRawText()
        + (await owner.GetJsonAsync($"{LiveApi.SellerSessions}/{target.LiveSessionId}")).GetRawText()
        + (await owner.GetJsonAsync($"/api/v1/draws/{target.DrawId}")).GetRawText()
        + (await owner.GetJsonAsync($"/api/v1/coupons/{target.CouponId}")).GetRawText()
        + (await owner.GetJsonAsync($"{LiveApi.SellerSessions}?status=live&pageSize=100")).GetRawText()
        + (await owner.GetJsonAsync($"{Videos}/{target.VideoId}")).GetRawText()
        + (await owner.GetJsonAsync($"{Videos}/uploads/{target.UploadId}")).GetRawText();

    private static StringContent ImportOf(string sku)
    {
        var csv = CatalogCsv.File();
        csv.Add(CatalogCsv.Row("copy", sku, 10.00m, "Imported with another seller's SKU"));
        return new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
    }
}

public sealed class SellerTenancyTestsOnSqlite(SqliteAppFixture fixture) : SellerTenancyTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SellerTenancyTestsOnPostgres(PostgresAppFixture fixture) : SellerTenancyTests(fixture), IClassFixture<PostgresAppFixture>;

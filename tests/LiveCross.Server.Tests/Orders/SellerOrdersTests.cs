using System.Net;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Orders;

/// <summary>Sellers see the orders holding their lines, and only their own lines; they keep their stock per warehouse.</summary>
public abstract class SellerOrdersTests(OrdersAppFixture fixture)
{
    private const string SellerOrders = "/api/v1/seller/orders";

    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task Each_seller_sees_its_own_orders_only()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        using var guest = App.CreateClient();
        var earbuds = await seller1.StockedSkuAsync(20.00m, 5);
        var scarf = await seller2.StockedSkuAsync(150.00m, 5);
        var buyer = Unique.Email("both");
        var fromSecond = await guest.PlaceOkAsync(OrdersApi.GuestOrder(buyer, (scarf.Sku, 2)));
        var fromFirst = await guest.PlaceOkAsync(OrdersApi.GuestOrder(buyer, (earbuds.Sku, 1)));

        var first = await seller1.GetJsonAsync($"{SellerOrders}/{fromFirst.Id()}");
        first.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("sku").GetString()).ShouldBe([earbuds.Sku]);
        var second = await seller2.GetJsonAsync($"{SellerOrders}/{fromSecond.Id()}");
        second.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("sku").GetString()).ShouldBe([scarf.Sku]);
        second.GetProperty("goods").Amount().ShouldBe(second.GetProperty("lines")[0].GetProperty("lineTotal").Amount());

        var list1 = await seller1.GetJsonAsync($"{SellerOrders}?pageSize=100");
        list1.Ids().ShouldContain(fromFirst.Id());
        list1.Ids().ShouldNotContain(fromSecond.Id());
        var list2 = await seller2.GetJsonAsync($"{SellerOrders}?pageSize=100");
        list2.Ids().ShouldContain(fromSecond.Id());
        list2.Ids().ShouldNotContain(fromFirst.Id());
        (await seller2.GetAsync($"{SellerOrders}/{fromFirst.Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await seller1.GetAsync($"{SellerOrders}/{fromSecond.Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_seller_order_list_filters_by_status()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(20.00m, 5);
        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("status"), (item.Sku, 1)));
        await App.ReportPaymentAsync(OrdersApi.Outcome(order, LiveCross.Server.Payments.PaymentOutcomeKind.Succeeded));

        (await seller.GetJsonAsync($"{SellerOrders}?status=paid&pageSize=100")).Ids().ShouldContain(order.Id());
        (await seller.GetJsonAsync($"{SellerOrders}?status=pending_payment&pageSize=100")).Ids().ShouldNotContain(order.Id());
        await (await seller.GetAsync($"{SellerOrders}?status=lost", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task Customers_see_their_own_orders_only()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var customer1 = await App.ClientForAsync(DemoAccounts.Customer1);
        using var customer2 = await App.ClientForAsync(DemoAccounts.Customer2);
        var item = await seller.StockedSkuAsync(20.00m, 5);
        var body = OrdersApi.GuestOrder(Unique.Email("ignored"), (item.Sku, 1));
        body.Remove("email");
        var mine = await customer1.PlaceOkAsync(body);

        mine.GetProperty("email").GetString().ShouldBe(DemoAccounts.Customer1);
        (await customer1.GetJsonAsync($"{OrdersApi.Orders}?pageSize=100")).Ids().ShouldContain(mine.Id());
        (await customer2.GetJsonAsync($"{OrdersApi.Orders}?pageSize=100")).Ids().ShouldNotContain(mine.Id());
        (await customer2.GetAsync($"{OrdersApi.Orders}/{mine.Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await customer2.PostAsync($"{OrdersApi.Orders}/{mine.Id()}/cancel", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var anonymous = App.CreateClient();
        (await anonymous.GetAsync($"{OrdersApi.Orders}/{mine.Id()}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await customer1.GetJsonAsync($"{OrdersApi.Orders}/{mine.Id()}")).Status().ShouldBe("pending_payment");
    }

    [Fact]
    public async Task A_guest_order_opens_only_with_its_own_token()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(20.00m, 5);
        var first = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("g1"), (item.Sku, 1)));
        var second = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("g2"), (item.Sku, 1)));
        var secondToken = Uri.EscapeDataString(second.GetProperty("accessToken").GetString()!);

        (await guest.GetAsync($"{OrdersApi.Orders}/{first.Id()}?token={secondToken}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await guest.GetAsync($"{OrdersApi.Orders}/{first.Id()}?token=forged", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await guest.GuestOrderAsync(first)).Id().ShouldBe(first.Id());
        var page = await guest.GetAsync(first.GetProperty("links").GetProperty("page").GetString(), Api.Cancel);
        (await page.Content.ReadAsStringAsync(Api.Cancel)).ShouldContain(first.GetProperty("number").GetString()!);
    }

    [Fact]
    public async Task On_hand_cannot_be_set_below_what_unpaid_orders_hold()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(20.00m, 5);
        await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("hold"), (item.Sku, 3)));

        await (await seller.SendJsonAsync(HttpMethod.Put, OrdersApi.Stock, new JsonObject { ["sku"] = item.Sku, ["warehouseId"] = item.Warehouses[0].ToString(), ["onHand"] = 2 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "onHand");
        var raised = await seller.SetStockAsync(item.Sku, item.Warehouses[0], 8);

        raised.GetProperty("available").GetInt32().ShouldBe(5);
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 8, Reserved: 3, Available: 5));
    }

    [Fact]
    public async Task A_stock_change_made_on_a_stale_version_is_a_conflict()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(20.00m, 5);
        var read = (await seller.GetJsonAsync($"{OrdersApi.Stock}?sku={item.Sku}")).Items().Single();
        await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("stale"), (item.Sku, 1)));

        var response = await seller.SendJsonAsync(HttpMethod.Put, OrdersApi.Stock, new JsonObject
        {
            ["sku"] = item.Sku,
            ["warehouseId"] = item.Warehouses[0].ToString(),
            ["onHand"] = 9,
            ["version"] = read.GetProperty("version").GetString(),
        });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 5, Reserved: 1, Available: 4));
    }

    [Fact]
    public async Task Stock_input_is_checked_field_by_field()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var warehouse = (await seller.WarehousesAsync()).Values.First();
        var item = await seller.StockedSkuAsync(20.00m);

        await (await seller.SendJsonAsync(HttpMethod.Put, OrdersApi.Stock, new JsonObject { ["sku"] = item.Sku, ["warehouseId"] = warehouse.ToString(), ["onHand"] = -1 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "onHand");
        await (await seller.SendJsonAsync(HttpMethod.Put, OrdersApi.Stock, new JsonObject { ["sku"] = "NOPE-" + Unique.Word(), ["warehouseId"] = warehouse.ToString(), ["onHand"] = 1 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sku");
        await (await seller.SendJsonAsync(HttpMethod.Put, OrdersApi.Stock, new JsonObject { ["sku"] = item.Sku, ["warehouseId"] = Guid.NewGuid().ToString(), ["onHand"] = 1 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "warehouseId");
        await (await seller.SendJsonAsync(HttpMethod.Post, OrdersApi.Warehouses, new JsonObject { ["name"] = "", ["country"] = "ZZ" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "country");
    }

    [Fact]
    public async Task Demo_sellers_ship_from_their_own_warehouses_and_every_demo_sku_is_stocked()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);

        (await seller1.WarehousesAsync()).Keys.ShouldBe(["Rotterdam bonded warehouse", "Shenzhen Longhua DC"], ignoreOrder: true);
        (await seller2.WarehousesAsync()).Keys.ShouldBe(["Hangzhou Xiaoshan warehouse"]);
        foreach (var (client, prefix) in new[] { (seller1, "VW-"), (seller2, "SB-") })
        {
            var skus = (await client.GetJsonAsync($"{CatalogApi.SellerProducts}?pageSize=100")).Ids();
            foreach (var id in skus)
            {
                foreach (var variant in (await client.SellerProductAsync(id)).GetProperty("variants").EnumerateArray())
                {
                    var sku = variant.GetProperty("sku").GetString()!;
                    if (!sku.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    (await client.StockOfAsync(sku)).OnHand.ShouldBeGreaterThan(0, sku);
                }
            }
        }
        (await seller1.StockOfAsync("VW-AWS-MNT")).OnHand.ShouldBe(1);
    }
}

public sealed class SellerOrdersTestsOnSqlite(SqliteOrdersAppFixture fixture) : SellerOrdersTests(fixture), IClassFixture<SqliteOrdersAppFixture>;

public sealed class SellerOrdersTestsOnPostgres(PostgresOrdersAppFixture fixture) : SellerOrdersTests(fixture), IClassFixture<PostgresOrdersAppFixture>;

using System.Net;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Orders;

/// <summary>An order is placed exactly once per idempotency key, holds its stock per warehouse, and never oversells.</summary>
public abstract class OrderPlacementTests(OrdersAppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    private Task<HttpClient> Seller1() => App.ClientForAsync(DemoAccounts.Seller1);

    [Fact]
    public async Task Placed_order_reserves_its_stock_and_charges_the_goods_at_the_market_price_plus_shipping_and_import_charges()
    {
        using var seller = await Seller1();
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(24.50m, 5);
        var unitPrice = await guest.ShelfPriceAsync(item.ProductId, item.Sku);

        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("buyer"), (item.Sku, 2)));

        order.Status().ShouldBe("pending_payment");
        order.GetProperty("number").GetString()!.ShouldMatch("^LC-[0-9A-HJKMNP-TV-Z]{8}$");
        order.GetProperty("currency").GetString().ShouldBe("EUR");
        var line = order.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem();
        line.GetProperty("quantity").GetInt32().ShouldBe(2);
        line.GetProperty("unitPrice").Amount().ShouldBe(unitPrice);
        line.GetProperty("warehouse").GetProperty("id").GetGuid().ShouldBe(item.Warehouses[0]);
        var charges = order.GetProperty("charges");
        charges.GetProperty("goods").Amount().ShouldBe(unitPrice * 2);
        var landed = charges.GetProperty("goods").Amount() + charges.GetProperty("shipping").Amount() + charges.GetProperty("duty").Amount() + charges.GetProperty("tax").Amount();
        charges.GetProperty("shipping").Amount().ShouldBeGreaterThan(0m);
        charges.GetProperty("total").Amount().ShouldBe(landed);
        charges.GetProperty("amountDue").Amount().ShouldBe(landed);
        order.GetProperty("shipTo").GetProperty("phone").GetString().ShouldBe("+493012345678");
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 5, Reserved: 2, Available: 3));
        (await guest.GuestOrderAsync(order)).GetProperty("number").GetString().ShouldBe(order.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Twenty_concurrent_retries_with_one_key_create_one_order_and_reserve_stock_once()
    {
        using var seller = await Seller1();
        var item = await seller.StockedSkuAsync(10.00m, 50);
        var email = Unique.Email("retry");
        var body = OrdersApi.GuestOrder(email, (item.Sku, 3));
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = App.CreateClient();
            var response = await client.PlaceAsync(body.DeepClone(), key);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Api.Cancel));
        }));

        responses.Select(r => r.StatusCode).Distinct().ShouldBe([HttpStatusCode.Created], string.Join("\n", responses.Select(r => r.Body)));
        responses.Select(r => r.Body).Distinct().Count().ShouldBe(1);
        (await OrdersPlacedByAsync(email)).ShouldBe(1);
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 50, Reserved: 3, Available: 47));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_same_answer()
    {
        using var seller = await Seller1();
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 5);
        var body = OrdersApi.GuestOrder(Unique.Email("again"), (item.Sku, 1));
        var key = Guid.NewGuid().ToString();

        var first = await guest.PlaceAsync(body, key);
        var second = await guest.PlaceAsync(body.DeepClone(), key);

        second.StatusCode.ShouldBe(first.StatusCode);
        (await second.Content.ReadAsStringAsync(Api.Cancel)).ShouldBe(await first.Content.ReadAsStringAsync(Api.Cancel));
        second.Headers.Location.ShouldBe(first.Headers.Location);
        (await seller.StockOfAsync(item.Sku)).Reserved.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_conflict_and_places_nothing()
    {
        using var seller = await Seller1();
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 5);
        var email = Unique.Email("reuse");
        var key = Guid.NewGuid().ToString();
        await (await guest.PlaceAsync(OrdersApi.GuestOrder(email, (item.Sku, 1)), key)).ShouldBeJsonAsync(HttpStatusCode.Created);

        var response = await guest.PlaceAsync(OrdersApi.GuestOrder(email, (item.Sku, 2)), key);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("title").GetString().ShouldBe("Idempotency key reused.");
        (await OrdersPlacedByAsync(email)).ShouldBe(1);
        (await seller.StockOfAsync(item.Sku)).Reserved.ShouldBe(1);
    }

    [Fact]
    public async Task An_order_without_an_idempotency_key_is_refused_naming_the_header()
    {
        using var seller = await Seller1();
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 5);
        var email = Unique.Email("nokey");

        var response = await guest.PlaceAsync(OrdersApi.GuestOrder(email, (item.Sku, 1)), idempotencyKey: null);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
        (await OrdersPlacedByAsync(email)).ShouldBe(0);
        (await seller.StockOfAsync(item.Sku)).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task Buyers_racing_for_the_last_unit_get_one_order_between_them()
    {
        using var seller = await Seller1();
        var item = await seller.StockedSkuAsync(10.00m, 1);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var client = App.CreateClient();
            var response = await client.PlaceAsync(OrdersApi.GuestOrder(Unique.Email($"racer{i}"), (item.Sku, 1)), Guid.NewGuid().ToString());
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Api.Cancel));
        }));

        var all = string.Join("\n", responses.Select(r => $"{r.StatusCode} {r.Body}"));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1, all);
        responses.Where(r => r.StatusCode != HttpStatusCode.Created).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict && r.Body.Contains(item.Sku), all);
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 1, Reserved: 1, Available: 0));
    }

    [Fact]
    public async Task An_order_no_single_warehouse_can_fill_is_split_across_warehouses()
    {
        using var seller = await Seller1();
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 3, 4);

        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("split"), (item.Sku, 6)));

        var lines = order.GetProperty("lines").EnumerateArray()
            .ToDictionary(l => l.GetProperty("warehouse").GetProperty("id").GetGuid(), l => l.GetProperty("quantity").GetInt32());
        lines.ShouldBe(new Dictionary<Guid, int> { [item.Warehouses[1]] = 4, [item.Warehouses[0]] = 2 }, ignoreOrder: true);
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 7, Reserved: 6, Available: 1));
    }

    [Fact]
    public async Task Not_enough_stock_is_a_conflict_naming_the_sku_and_reserves_nothing()
    {
        using var seller = await Seller1();
        using var guest = App.CreateClient();
        var plenty = await seller.StockedSkuAsync(10.00m, 10);
        var scarce = await seller.StockedSkuAsync(12.00m, 2);

        var response = await guest.PlaceAsync(OrdersApi.GuestOrder(Unique.Email("short"), (plenty.Sku, 1), (scarce.Sku, 3)), Guid.NewGuid().ToString());

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("sku").GetString().ShouldBe(scarce.Sku);
        problem.GetProperty("available").GetInt32().ShouldBe(2);
        (await seller.StockOfAsync(plenty.Sku)).Reserved.ShouldBe(0);
        (await seller.StockOfAsync(scarce.Sku)).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task Skus_that_cannot_be_bought_are_refused_naming_the_item()
    {
        using var seller = await Seller1();
        using var guest = App.CreateClient();
        var archived = await seller.StockedSkuAsync(10.00m, 5);
        (await seller.PostAsync($"{CatalogApi.SellerProducts}/{archived.ProductId}/archive", null, Api.Cancel)).EnsureSuccessStatusCode();
        var blocked = await seller.StockedSkuAsync(10.00m, 5);
        await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{blocked.ProductId}/markets/DE", new JsonObject { ["blocked"] = true })).ShouldBeJsonAsync();

        var response = await guest.PlaceAsync(OrdersApi.GuestOrder(Unique.Email("bad"), ("NO-SUCH-SKU-" + Unique.Word(), 1), (archived.Sku, 1), (blocked.Sku, 1)), Guid.NewGuid().ToString());

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Api.ErrorFields(problem).ShouldBe(["items[0].sku", "items[1].sku", "items[2].sku"], ignoreOrder: true);
        problem.GetProperty("errors").GetProperty("items[2].sku")[0].GetString()!.ShouldContain("cannot be delivered to DE");
    }

    [Theory]
    [InlineData("email", "not-an-address")]
    [InlineData("market", "XX")]
    [InlineData("address.postalCode", "1011")]
    [InlineData("address.phone", "12")]
    [InlineData("address.country", "FR")]
    [InlineData("items[0].quantity", "0")]
    public async Task Bad_checkout_input_is_refused_naming_the_field(string field, string value)
    {
        using var seller = await Seller1();
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 5);
        var body = OrdersApi.GuestOrder(Unique.Email("input"), (item.Sku, 1));
        switch (field)
        {
            case "items[0].quantity": body["items"]![0]!["quantity"] = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "address.country":
                // A valid French address, but the order is for Germany.
                body["address"] = new JsonObject { ["name"] = "Léa Martin", ["line1"] = "8 rue de Rivoli", ["city"] = "Paris", ["postalCode"] = "75004", ["country"] = value, ["phone"] = "+33 1 42 68 53 00" };
                break;
            case var f when f.StartsWith("address.", StringComparison.Ordinal): body["address"]![f["address.".Length..]] = value; break;
            default: body[field] = value; break;
        }

        var response = await guest.PlaceAsync(body, Guid.NewGuid().ToString());

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        (await seller.StockOfAsync(item.Sku)).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task An_item_whose_price_changed_since_it_was_shown_is_reported_not_charged()
    {
        using var seller = await Seller1();
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 5);
        var shown = await guest.ShelfPriceAsync(item.ProductId, item.Sku);
        var body = OrdersApi.GuestOrder(Unique.Email("stale"), (item.Sku, 1));
        body["items"]![0]!["unitPrice"] = shown - 1.00m;

        var problem = await (await guest.PlaceAsync(body, Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var change = problem.GetProperty("changes").EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("sku").GetString().ShouldBe(item.Sku);
        change.GetProperty("previous").Amount().ShouldBe(shown - 1.00m);
        change.GetProperty("current").Amount().ShouldBe(shown);
        (await seller.StockOfAsync(item.Sku)).Reserved.ShouldBe(0);
    }

    private async Task<int> OrdersPlacedByAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().Orders.CountAsync(o => o.Email == email, Api.Cancel);
    }
}

public sealed class OrderPlacementTestsOnSqlite(SqliteOrdersAppFixture fixture) : OrderPlacementTests(fixture), IClassFixture<SqliteOrdersAppFixture>;

public sealed class OrderPlacementTestsOnPostgres(PostgresOrdersAppFixture fixture) : OrderPlacementTests(fixture), IClassFixture<PostgresOrdersAppFixture>;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Orders;

/// <summary>The cart of guests and customers: priced in the market, limited, merged on sign-in, re-priced at checkout.</summary>
public abstract class CartTests(OrdersAppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    private static JsonObject Item(string sku, int quantity) => new() { ["sku"] = sku, ["quantity"] = quantity };

    private static async Task<JsonElement> AddAsync(HttpClient client, string sku, int quantity, string market = "DE") =>
        await (await client.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items?market={market}", Item(sku, quantity))).ShouldBeJsonAsync();

    private static Dictionary<string, int> Quantities(JsonElement cart) =>
        cart.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("sku").GetString()!, i => i.GetProperty("quantity").GetInt32());

    [Fact]
    public async Task A_guest_cart_is_kept_by_an_http_only_cookie_and_priced_in_the_markets_currency()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(30.00m, 5);
        var yen = await guest.ShelfPriceAsync(item.ProductId, item.Sku, "JP");

        var added = await guest.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items?market=JP", Item(item.Sku, 2));

        var cookie = added.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("livecross.cart=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        var cart = await guest.GetJsonAsync($"{OrdersApi.Cart}?market=JP");
        cart.GetProperty("currency").GetString().ShouldBe("JPY");
        var line = cart.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        line.GetProperty("unitPrice").Amount().ShouldBe(yen);
        line.GetProperty("lineTotal").Amount().ShouldBe(yen * 2);
        cart.GetProperty("subtotal").Amount().ShouldBe(yen * 2);
        using var stranger = App.CreateClient();
        (await stranger.GetJsonAsync($"{OrdersApi.Cart}?market=JP")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Quantities_can_be_changed_and_items_removed()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var first = await seller.StockedSkuAsync(10.00m, 5);
        var second = await seller.StockedSkuAsync(11.00m, 5);
        await AddAsync(guest, first.Sku, 1);
        await AddAsync(guest, first.Sku, 2);
        await AddAsync(guest, second.Sku, 1);

        var changed = await (await guest.SendJsonAsync(HttpMethod.Put, $"{OrdersApi.Cart}/items/{first.Sku}?market=DE", new JsonObject { ["quantity"] = 5 })).ShouldBeJsonAsync();
        Quantities(changed).ShouldBe(new Dictionary<string, int> { [first.Sku] = 5, [second.Sku] = 1 }, ignoreOrder: true);

        var removed = await (await guest.DeleteAsync($"{OrdersApi.Cart}/items/{second.Sku.ToLowerInvariant()}?market=DE", Api.Cancel)).ShouldBeJsonAsync();
        Quantities(removed).ShouldBe(new Dictionary<string, int> { [first.Sku] = 5 });
        removed.GetProperty("itemCount").GetInt32().ShouldBe(5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(21)]
    public async Task A_quantity_outside_the_limits_is_refused_naming_the_field(int quantity)
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 5);

        await (await guest.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items", Item(item.Sku, quantity))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "quantity");
    }

    [Fact]
    public async Task Adding_beyond_the_per_item_limit_is_refused_and_leaves_the_cart_as_it_was()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 50);
        await AddAsync(guest, item.Sku, 15);

        await (await guest.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items", Item(item.Sku, 6))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "quantity");

        Quantities(await guest.GetJsonAsync($"{OrdersApi.Cart}?market=DE")).ShouldBe(new Dictionary<string, int> { [item.Sku] = 15 });
    }

    [Fact]
    public async Task Unknown_archived_and_blocked_skus_are_refused_naming_the_sku()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var archived = await seller.StockedSkuAsync(10.00m, 5);
        (await seller.PostAsync($"{CatalogApi.SellerProducts}/{archived.ProductId}/archive", null, Api.Cancel)).EnsureSuccessStatusCode();
        var blocked = await seller.StockedSkuAsync(10.00m, 5);
        await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{blocked.ProductId}/markets/GB", new JsonObject { ["blocked"] = true })).ShouldBeJsonAsync();

        await (await guest.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items?market=GB", Item("NOPE-" + Unique.Word(), 1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sku");
        await (await guest.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items?market=GB", Item(archived.Sku, 1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sku");
        var problem = await (await guest.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items?market=GB", Item(blocked.Sku, 1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "sku");
        problem.GetProperty("errors").GetProperty("sku")[0].GetString()!.ShouldContain("cannot be delivered to GB");
        await (await guest.SendJsonAsync(HttpMethod.Post, $"{OrdersApi.Cart}/items?market=XX", Item(blocked.Sku, 1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "market");
        (await guest.GetJsonAsync($"{OrdersApi.Cart}?market=DE")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_guest_cart_joins_the_customers_cart_when_they_sign_in_through_the_api()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var (email, password) = await RegisterAsync();
        var both = await seller.StockedSkuAsync(10.00m, 50);
        var guestOnly = await seller.StockedSkuAsync(12.00m, 50);
        using (var earlier = await SignedInAsync(email, password)) await AddAsync(earlier, both.Sku, 1);
        using var browser = App.CreateClient();
        await AddAsync(browser, both.Sku, 2);
        await AddAsync(browser, guestOnly.Sku, 3);

        var login = await browser.SendJsonAsync(HttpMethod.Post, "/api/v1/account/login", new JsonObject { ["email"] = email, ["password"] = password });
        var token = (await login.ShouldBeJsonAsync()).GetProperty("accessToken").GetString()!;

        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Quantities(await browser.GetJsonAsync($"{OrdersApi.Cart}?market=DE")).ShouldBe(new Dictionary<string, int> { [both.Sku] = 3, [guestOnly.Sku] = 3 }, ignoreOrder: true);
        using var asGuestAgain = App.CreateClient();
        (await asGuestAgain.GetJsonAsync($"{OrdersApi.Cart}?market=DE")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_guest_cart_joins_the_customers_cart_when_they_sign_in_on_the_sign_in_page()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var (email, password) = await RegisterAsync();
        var item = await seller.StockedSkuAsync(10.00m, 50);
        using var browser = App.CreateClient();
        await AddAsync(browser, item.Sku, 2);

        var signIn = await browser.SubmitAsync("/account/login", [new("_handler", "login"), new("Input.Email", email), new("Input.Password", password)]);
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK, await signIn.Content.ReadAsStringAsync(Api.Cancel));

        using var api = await SignedInAsync(email, password);
        Quantities(await api.GetJsonAsync($"{OrdersApi.Cart}?market=DE")).ShouldBe(new Dictionary<string, int> { [item.Sku] = 2 });
    }

    [Fact]
    public async Task Ordering_the_cart_reports_a_price_changed_since_it_was_added_then_charges_the_price_shown()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 5);
        var before = (await AddAsync(guest, item.Sku, 2)).GetProperty("items")[0].GetProperty("unitPrice").Amount();
        await RepriceAsync(seller, item, 14.00m);
        var after = await guest.ShelfPriceAsync(item.ProductId, item.Sku);
        var email = Unique.Email("cart");
        var key = Guid.NewGuid().ToString();

        var cartView = (await guest.GetJsonAsync($"{OrdersApi.Cart}?market=DE")).GetProperty("items")[0];
        cartView.GetProperty("priceChanged").GetBoolean().ShouldBeTrue();
        cartView.GetProperty("previousUnitPrice").Amount().ShouldBe(before);
        var refused = await (await guest.PlaceAsync(OrdersApi.GuestOrder(email), key)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var change = refused.GetProperty("changes").EnumerateArray().ShouldHaveSingleItem();
        (change.GetProperty("previous").Amount(), change.GetProperty("current").Amount()).ShouldBe((before, after));
        (await seller.StockOfAsync(item.Sku)).Reserved.ShouldBe(0);

        var order = await (await guest.PlaceAsync(OrdersApi.GuestOrder(email), key)).ShouldBeJsonAsync(HttpStatusCode.Created);

        order.GetProperty("charges").GetProperty("goods").Amount().ShouldBe(after * 2);
        (await guest.GetJsonAsync($"{OrdersApi.Cart}?market=DE")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_cart_page_changes_quantities_and_removes_items_with_its_antiforgery_token()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var browser = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 5);
        var variantId = (await AddAsync(browser, item.Sku, 1)).GetProperty("items")[0].GetProperty("variantId").GetString()!;

        var forged = await browser.PostAsync("/cart/update", new FormUrlEncodedContent([new("sku", variantId), new("quantity", "4")]), Api.Cancel);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Quantities(await browser.GetJsonAsync($"{OrdersApi.Cart}?market=DE"))[item.Sku].ShouldBe(1);

        var updated = await browser.SubmitAsync("/cart?market=DE", [new("sku", variantId), new("quantity", "4")], "/cart/update");
        (await updated.Content.ReadAsStringAsync(Api.Cancel)).ShouldContain("data-testid=\"cart-lines\"");
        Quantities(await browser.GetJsonAsync($"{OrdersApi.Cart}?market=DE"))[item.Sku].ShouldBe(4);

        await browser.SubmitAsync("/cart?market=DE", [new("sku", variantId)], "/cart/remove");
        (await browser.GetJsonAsync($"{OrdersApi.Cart}?market=DE")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_add_to_cart_button_on_a_product_page_puts_the_sku_in_the_cart()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var browser = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 5);
        var variantId = (await (await browser.PublicProductAsync(item.ProductId, "DE")).ShouldBeJsonAsync()).GetProperty("variants")[0].Id();

        var added = await browser.SubmitAsync($"/products/{item.ProductId}?market=DE",
            [new("sku", item.Sku), new("variantId", variantId.ToString()), new("quantity", "1")], "/cart/add");

        (await added.Content.ReadAsStringAsync(Api.Cancel)).ShouldContain($"data-sku=\"{item.Sku}\"");
        Quantities(await browser.GetJsonAsync($"{OrdersApi.Cart}?market=DE")).ShouldBe(new Dictionary<string, int> { [item.Sku] = 1 });
    }

    private async Task<(string Email, string Password)> RegisterAsync()
    {
        var email = Unique.Email("shopper");
        const string password = "Cart-merge-pass-1";
        using var anonymous = App.CreateClient();
        await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/account/register", new JsonObject { ["email"] = email, ["password"] = password })).ShouldBeJsonAsync(HttpStatusCode.Created);
        return (email, password);
    }

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = App.CreateClient();
        var login = await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/account/login", new JsonObject { ["email"] = email, ["password"] = password })).ShouldBeJsonAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task RepriceAsync(HttpClient seller, Stocked item, decimal price)
    {
        var product = await seller.SellerProductAsync(item.ProductId);
        var body = product.ToNode()!.AsObject();
        body["variants"]![0]!["price"] = price;
        await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{item.ProductId}", body)).ShouldBeJsonAsync();
    }
}

public sealed class CartTestsOnSqlite(SqliteOrdersAppFixture fixture) : CartTests(fixture), IClassFixture<SqliteOrdersAppFixture>;

public sealed class CartTestsOnPostgres(PostgresOrdersAppFixture fixture) : CartTests(fixture), IClassFixture<PostgresOrdersAppFixture>;

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Orders;

/// <summary>
/// An order is charged what the checkout showed: its shipping option, and the duty and tax of the landed-cost quote over
/// its items and that shipping; a quote token that is expired, altered, for other items or no longer true is refused.
/// </summary>
public abstract class CheckoutChargesTests(OrdersAppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task An_order_is_charged_the_cheapest_shipping_and_the_landed_cost_of_its_items_and_shipping()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(30.00m, 5);
        var cheapest = await CheapestOptionAsync(guest, "DE", item.Sku, 2);
        var quote = await QuoteAsync(guest, "DE", item.Sku, 2, cheapest.Price);

        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("landed"), (item.Sku, 2)));

        var charges = order.GetProperty("charges");
        charges.GetProperty("shipping").Amount().ShouldBe(cheapest.Price);
        charges.GetProperty("shippingOptionId").GetString().ShouldBe(cheapest.Id);
        charges.GetProperty("goods").Amount().ShouldBe(quote.GetProperty("goods").GetDecimal());
        charges.GetProperty("duty").Amount().ShouldBe(quote.GetProperty("duty").GetDecimal());
        charges.GetProperty("tax").Amount().ShouldBe(quote.GetProperty("tax").GetDecimal());
        charges.GetProperty("tax").Amount().ShouldBeGreaterThan(0m);
        charges.GetProperty("total").Amount().ShouldBe(quote.GetProperty("total").GetDecimal());
        charges.GetProperty("amountDue").Amount().ShouldBe(quote.GetProperty("payableAtCheckout").GetDecimal());
        charges.GetProperty("scheme").GetString().ShouldBe("IOSS");
        charges.GetProperty("collectedAt").GetString().ShouldBe("checkout");
        charges.GetProperty("explanation").EnumerateArray().Select(l => l.GetProperty("text").GetString()).ShouldContain(t => t!.Contains("IOSS"));
        charges.GetProperty("estimatedDelivery").GetProperty("from").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task Import_charges_collected_at_the_border_are_shown_but_not_charged()
    {
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        using var guest = App.CreateClient();
        var item = await seller2.StockedSkuAsync(200.00m, 5);

        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("border"), (item.Sku, 1)));

        var charges = order.GetProperty("charges");
        charges.GetProperty("collectedAt").GetString().ShouldBe("border");
        charges.GetProperty("tax").Amount().ShouldBeGreaterThan(0m);
        charges.GetProperty("taxAtCheckout").Amount().ShouldBe(0m);
        charges.GetProperty("amountDue").Amount().ShouldBe(charges.GetProperty("goods").Amount() + charges.GetProperty("shipping").Amount());
        charges.GetProperty("total").Amount().ShouldBe(charges.GetProperty("amountDue").Amount() + charges.GetProperty("duty").Amount() + charges.GetProperty("tax").Amount());
    }

    [Fact]
    public async Task The_quote_the_shopper_was_shown_and_the_option_they_chose_are_what_the_order_charges()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(45.00m, 5);
        var options = await OptionsAsync(guest, "GB", item.Sku, 1);
        var dearest = options.Last();
        var quote = await QuoteAsync(guest, "GB", item.Sku, 1, dearest.Price);

        var order = await guest.PlaceOkAsync(GbOrder(item.Sku, 1, quote.GetProperty("token").GetString(), dearest.Id));

        var charges = order.GetProperty("charges");
        charges.GetProperty("shippingOptionId").GetString().ShouldBe(dearest.Id);
        charges.GetProperty("shipping").Amount().ShouldBe(dearest.Price);
        charges.GetProperty("quoteId").GetString().ShouldBe(quote.GetProperty("id").GetString());
        charges.GetProperty("tax").Amount().ShouldBe(quote.GetProperty("tax").GetDecimal());
        charges.GetProperty("amountDue").Amount().ShouldBe(quote.GetProperty("payableAtCheckout").GetDecimal());
        charges.GetProperty("scheme").GetString().ShouldBe("UK-VAT");
    }

    [Fact]
    public async Task An_altered_token_or_one_for_other_items_is_refused_and_nothing_is_reserved()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(25.00m, 5);
        var cheapest = await CheapestOptionAsync(guest, "GB", item.Sku, 1);
        var token = (await QuoteAsync(guest, "GB", item.Sku, 1, cheapest.Price)).GetProperty("token").GetString()!;
        var altered = token[..30] + (token[30] == 'A' ? 'B' : 'A') + token[31..];

        var tampered = await guest.PlaceAsync(GbOrder(item.Sku, 1, altered, null), Guid.NewGuid().ToString());
        var otherQuantity = await guest.PlaceAsync(GbOrder(item.Sku, 2, token, null), Guid.NewGuid().ToString());
        var otherOption = await guest.PlaceAsync(GbOrder(item.Sku, 1, token, "no-such-service"), Guid.NewGuid().ToString());

        (await RefusedAsync(tampered, HttpStatusCode.BadRequest, "quoteToken")).ShouldContain("altered");
        (await RefusedAsync(otherQuantity, HttpStatusCode.BadRequest, "quoteToken")).ShouldContain("other items");
        (await RefusedAsync(otherOption, HttpStatusCode.BadRequest, "shippingOptionId")).ShouldContain("not offered");
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 5, Reserved: 0, Available: 5));
    }

    [Fact]
    public async Task A_quote_whose_shipping_is_no_longer_what_the_order_gets_is_a_conflict_with_the_new_charges()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(25.00m, 5);
        var options = await OptionsAsync(guest, "GB", item.Sku, 1);
        var shownWithDearest = (await QuoteAsync(guest, "GB", item.Sku, 1, options.Last().Price)).GetProperty("token").GetString();

        var response = await guest.PlaceAsync(GbOrder(item.Sku, 1, shownWithDearest, options[0].Id), Guid.NewGuid().ToString());

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.ShouldBeJsonAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("shipping");
        problem.GetProperty("quote").GetProperty("shipping").GetDecimal().ShouldBe(options[0].Price);
        (await seller.StockOfAsync(item.Sku)).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task An_expired_quote_is_refused_with_a_clear_message()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(25.00m, 5);
        var cheapest = await CheapestOptionAsync(guest, "GB", item.Sku, 1);
        var token = (await QuoteAsync(guest, "GB", item.Sku, 1, cheapest.Price)).GetProperty("token").GetString();

        App.Clock.Advance(TimeSpan.FromMinutes(31));
        var response = await guest.PlaceAsync(GbOrder(item.Sku, 1, token, null), Guid.NewGuid().ToString());

        (await RefusedAsync(response, HttpStatusCode.BadRequest, "quoteToken")).ShouldContain("expired");
    }

    [Fact]
    public async Task A_Canadian_order_is_taxed_at_its_provinces_rate()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(40.00m, 10);
        JsonObject Canadian(string province, string postalCode, string? regionOverride = null)
        {
            var body = OrdersApi.GuestOrder(Unique.Email("ca"), (item.Sku, 1));
            body["market"] = "CA";
            body["address"] = new JsonObject { ["name"] = "Chloé Tremblay", ["line1"] = "100 Main St", ["city"] = "City", ["region"] = province, ["postalCode"] = postalCode, ["country"] = "CA", ["phone"] = "416 555 0123" };
            if (regionOverride is not null) body["region"] = regionOverride;
            return body;
        }

        var ontario = (await guest.PlaceOkAsync(Canadian("ON", "M5H 2N2"))).GetProperty("charges");
        var alberta = (await guest.PlaceOkAsync(Canadian("AB", "T5J 0N3"))).GetProperty("charges");
        var unreadable = await guest.PlaceAsync(Canadian("ON", "M5H 2N2", regionOverride: "Ontario province"), Guid.NewGuid().ToString());

        ontario.GetProperty("explanation").GetRawText().ShouldContain("13%");
        alberta.GetProperty("explanation").GetRawText().ShouldContain("5%");
        ontario.GetProperty("tax").Amount().ShouldBeGreaterThan(alberta.GetProperty("tax").Amount());
        (await RefusedAsync(unreadable, HttpStatusCode.BadRequest, "region")).ShouldContain("ISO 3166-2");
    }

    [Fact]
    public async Task An_order_is_one_sellers_parcel()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        using var guest = App.CreateClient();
        var volt = await seller1.StockedSkuAsync(10.00m, 5);
        var silk = await seller2.StockedSkuAsync(80.00m, 5);

        var response = await guest.PlaceAsync(OrdersApi.GuestOrder(Unique.Email("two"), (volt.Sku, 1), (silk.Sku, 1)), Guid.NewGuid().ToString());

        (await RefusedAsync(response, HttpStatusCode.BadRequest, "items")).ShouldContain("one seller");
    }

    [Fact]
    public async Task A_buyer_starts_paying_the_amount_due_with_a_method_of_the_market()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(25.00m, 5);
        var body = OrdersApi.GuestOrder(Unique.Email("pay"), (item.Sku, 1));
        body["market"] = "NL";
        body["address"] = new JsonObject { ["name"] = "Sanne de Vries", ["line1"] = "Damrak 1", ["city"] = "Amsterdam", ["postalCode"] = "1012 LG", ["country"] = "NL", ["phone"] = "020 123 4567" };
        var order = await guest.PlaceOkAsync(body);
        var token = Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!);
        var pay = $"/api/v1/orders/{order.Id()}/payments";

        var withoutToken = await guest.SendJsonAsync(HttpMethod.Post, pay, new JsonObject { ["method"] = "ideal" });
        var unknownMethod = await guest.SendJsonAsync(HttpMethod.Post, $"{pay}?token={token}", new JsonObject { ["method"] = "pix" });
        var started = await (await guest.SendJsonAsync(HttpMethod.Post, $"{pay}?token={token}", new JsonObject { ["method"] = "ideal" })).ShouldBeJsonAsync(HttpStatusCode.Created);

        withoutToken.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await RefusedAsync(unknownMethod, HttpStatusCode.BadRequest, "method")).ShouldContain("ideal");
        started.GetProperty("method").GetString().ShouldBe("ideal");
        started.GetProperty("amount").Amount().ShouldBe(order.GetProperty("charges").GetProperty("amountDue").Amount());
        started.GetProperty("redirectUrl").GetString().ShouldBe($"/pay/sandbox/{started.GetProperty("paymentId").GetGuid()}");

        await guest.PostAsync($"/api/v1/orders/{order.Id()}/cancel?token={token}", null, Api.Cancel);
        var afterCancel = await guest.SendJsonAsync(HttpMethod.Post, $"{pay}?token={token}", new JsonObject { ["method"] = "card" });
        afterCancel.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private sealed record Option(string Id, decimal Price);

    /// <summary>The problem's messages for <paramref name="field"/>, after checking the status and that the field is named.</summary>
    private static async Task<string> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var problem = await response.ShouldBeProblemAsync(status, field);
        return string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()));
    }

    private static async Task<List<Option>> OptionsAsync(HttpClient client, string market, string sku, int quantity)
    {
        var body = new JsonObject { ["destination"] = market, ["items"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = quantity }) };
        var answer = await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/shipping/options", body)).ShouldBeJsonAsync();
        var options = answer.GetProperty("options").EnumerateArray().Where(o => o.GetProperty("available").GetBoolean())
            .Select(o => new Option(o.GetProperty("id").GetString()!, o.GetProperty("price").Amount())).ToList();
        options.Count.ShouldBeGreaterThan(1, $"the test needs two services from CN to {market}");
        return options;
    }

    private static async Task<Option> CheapestOptionAsync(HttpClient client, string market, string sku, int quantity) =>
        (await OptionsAsync(client, market, sku, quantity))[0];

    private static async Task<JsonElement> QuoteAsync(HttpClient client, string market, string sku, int quantity, decimal shipping)
    {
        var body = new JsonObject { ["destination"] = market, ["items"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = quantity }), ["shipping"] = shipping };
        return await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/quotes/landed-cost", body)).ShouldBeJsonAsync();
    }

    private static JsonObject GbOrder(string sku, int quantity, string? quoteToken, string? shippingOptionId)
    {
        var body = OrdersApi.GuestOrder(Unique.Email("gb"), (sku, quantity));
        body["market"] = "GB";
        body["address"] = new JsonObject { ["name"] = "Oliver Smith", ["line1"] = "10 Downing Street", ["city"] = "London", ["postalCode"] = "SW1A 2AA", ["country"] = "GB", ["phone"] = "020 7946 0958" };
        if (quoteToken is not null) body["quoteToken"] = quoteToken;
        if (shippingOptionId is not null) body["shippingOptionId"] = shippingOptionId;
        return body;
    }
}

public sealed class CheckoutChargesTestsOnSqlite(SqliteOrdersAppFixture fixture) : CheckoutChargesTests(fixture), IClassFixture<SqliteOrdersAppFixture>;

public sealed class CheckoutChargesTestsOnPostgres(PostgresOrdersAppFixture fixture) : CheckoutChargesTests(fixture), IClassFixture<PostgresOrdersAppFixture>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Catalog;
using LiveCross.Server.Markets;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Browser.Tests;

/// <summary>A customer who won a flash-sale claim checks it out in one tap and pays the flash price; a live coupon comes off at checkout.</summary>
public sealed class ClaimCheckoutTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    private const decimal FlashPriceUsd = 12.50m;

    [Fact]
    public async Task A_customer_with_an_accepted_claim_pays_it_with_the_sandbox_card_and_sees_the_paid_order_at_the_flash_price()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Flash Earbuds DE", 40.00m, ct);
        using var seller = await App.ClientForAsync("seller1@livecross.test");
        await StockAsync(seller, product.Sku, onHand: 5);
        var sale = await FlashSaleAsync(seller, product, quantity: 3);
        var (email, password) = ($"flash-{Guid.NewGuid():N}@example.com", "Flash-checkout-1");
        using (var anonymous = App.CreateClient())
            (await anonymous.PostAsJsonAsync("/api/v1/account/register", new { email, password }, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var customer = await App.ClientForAsync(email, password);
        var saved = await customer.PostAsJsonAsync("/api/v1/account/addresses", new
        {
            label = "Home",
            address = new { name = "Anna Schmidt", line1 = "Friedrichstraße 43", city = "Berlin", postalCode = "10117", country = "DE", phone = "030 12345678" },
        }, ct);
        saved.StatusCode.ShouldBe(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync(ct));
        var claimId = await ClaimAsync(customer, sale);

        await SignInAsync(email, password);
        await Page.GotoAsync($"/preferences?market=DE&returnUrl={Uri.EscapeDataString($"/checkout?claim={claimId}")}");

        await Expect(Page.GetByTestId("claim-note")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("checkout-lines")).ToContainTextAsync(product.Sku);
        await Expect(Page.GetByTestId("line1")).ToHaveValueAsync("Friedrichstraße 43");
        var goods = await Page.GetByTestId("charge-goods").InnerTextAsync();
        var tax = await Page.GetByTestId("charge-tax").InnerTextAsync();
        await ScreenshotAsync("claim-checkout");
        await Page.GetByTestId("place-order").ClickAsync();

        await Expect(Page.GetByTestId("sandbox-pay")).ToBeVisibleAsync();
        await Page.Locator("#card-number").FillAsync("4242 4242 4242 4242");
        await Page.GetByTestId("pay-button").ClickAsync();
        await Expect(Page.GetByTestId("order-page")).ToBeVisibleAsync();
        await ExpectPaidAsync();
        await Expect(Page.GetByTestId("order-lines")).ToContainTextAsync(product.Sku);
        await Expect(Page.GetByTestId("charge-goods")).ToHaveTextAsync(goods);
        await Expect(Page.GetByTestId("charge-tax")).ToHaveTextAsync(tax);
        await ScreenshotAsync("claim-order-paid");

        var orders = await customer.GetFromJsonAsync<JsonElement>("/api/v1/orders", LiveCrossApp.Json, ct);
        var orderId = orders.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetGuid();
        var order = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}", LiveCrossApp.Json, ct);
        order.GetProperty("status").GetString().ShouldBe("paid");
        var line = order.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem();
        line.GetProperty("unitPrice").GetProperty("amount").GetDecimal().ShouldBe(FlashPriceInGermany());
        line.GetProperty("quantity").GetInt32().ShouldBe(1);

        // The claim is bought: its link now says so instead of offering it again.
        await Page.GotoAsync($"/checkout?claim={claimId}");
        await Expect(Page.GetByTestId("claim-problem")).ToContainTextAsync("already been ordered");
        await Expect(Page.GetByTestId("place-order")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_customer_chooses_a_live_coupon_at_checkout_and_pays_the_discounted_total()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Coupon Earbuds DE", 40.00m, ct);
        using var seller = await App.ClientForAsync("seller1@livecross.test");
        await StockAsync(seller, product.Sku, onHand: 5);
        var session = await seller.PostAsJsonAsync("/api/v1/seller/live-sessions", new
        {
            titles = new[] { new { locale = "en", title = "Coupon night" } },
            defaultLocale = "en",
            markets = new[] { "DE" },
            products = new[] { product.Id },
            scheduledStart = DateTimeOffset.UtcNow.AddHours(1),
        }, ct);
        session.StatusCode.ShouldBe(HttpStatusCode.Created, await session.Content.ReadAsStringAsync(ct));
        var sessionId = (await session.Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, ct)).GetProperty("id").GetGuid();
        (await seller.PostAsync($"/api/v1/seller/live-sessions/{sessionId}/go-live", null, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var dropped = await seller.PostAsJsonAsync($"/api/v1/seller/live-sessions/{sessionId}/coupons", new
        {
            quantity = 5,
            amountOff = new { amount = 5.00m, currency = "USD" },
            expiresAt = App.Clock.GetUtcNow().AddHours(1),
        }, ct);
        dropped.StatusCode.ShouldBe(HttpStatusCode.Created, await dropped.Content.ReadAsStringAsync(ct));
        var couponId = (await dropped.Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, ct)).GetProperty("id").GetGuid();
        var (email, password) = ($"coupon-{Guid.NewGuid():N}@example.com", "Coupon-checkout-1");
        using (var anonymous = App.CreateClient())
            (await anonymous.PostAsJsonAsync("/api/v1/account/register", new { email, password }, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var customer = await App.ClientForAsync(email, password);
        using (var claim = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/coupons/{couponId}/claims"))
        {
            claim.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            (await customer.SendAsync(claim, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await SignInAsync(email, password);
        await Page.GotoAsync($"/preferences?market=DE&returnUrl={Uri.EscapeDataString($"/products/{product.Id}")}");
        await Page.GetByTestId("add-to-cart").GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await Expect(Page.GetByTestId("cart-lines")).ToContainTextAsync(product.Sku);
        await Page.GotoAsync("/checkout");
        await Expect(Page.GetByTestId("charge-discount")).ToHaveCountAsync(0);
        await Page.GetByTestId($"coupon-{couponId}").CheckAsync();
        await Page.GetByTestId("apply-coupon").ClickAsync();
        await Expect(Page.GetByTestId("charge-discount")).ToBeVisibleAsync();
        var discount = await Page.GetByTestId("charge-discount").InnerTextAsync();
        discount.ShouldContain(InGermany(5.00m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByTestId("name").FillAsync("Anna Schmidt");
        await Page.GetByTestId("line1").FillAsync("Friedrichstraße 43");
        await Page.GetByTestId("city").FillAsync("Berlin");
        await Page.GetByTestId("postal-code").FillAsync("10117");
        await Page.GetByTestId("phone").FillAsync("030 12345678");
        await ScreenshotAsync("coupon-checkout");
        await Page.GetByTestId("place-order").ClickAsync();

        await Expect(Page.GetByTestId("sandbox-pay")).ToBeVisibleAsync();
        await Page.Locator("#card-number").FillAsync("4242 4242 4242 4242");
        await Page.GetByTestId("pay-button").ClickAsync();
        await Expect(Page.GetByTestId("order-page")).ToBeVisibleAsync();
        await ExpectPaidAsync();
        await Expect(Page.GetByTestId("charge-discount")).ToHaveTextAsync(discount);

        var orders = await customer.GetFromJsonAsync<JsonElement>("/api/v1/orders", LiveCrossApp.Json, ct);
        var orderId = orders.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetGuid();
        var order = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}", LiveCrossApp.Json, ct);
        order.GetProperty("charges").GetProperty("discount").GetProperty("amount").GetDecimal().ShouldBe(InGermany(5.00m));
    }

    private decimal FlashPriceInGermany() => InGermany(FlashPriceUsd);

    private decimal InGermany(decimal usd)
    {
        var markets = App.Services.GetRequiredService<MarketRegistry>();
        markets.TryGet("DE", out var germany).ShouldBeTrue();
        return Pricing.PriceIn(germany, markets.Rates, usd, "USD", marketPrice: null).Amount;
    }

    private static async Task StockAsync(HttpClient seller, string sku, int onHand)
    {
        var ct = TestContext.Current.CancellationToken;
        var warehouses = await seller.GetFromJsonAsync<JsonElement>("/api/v1/seller/warehouses", LiveCrossApp.Json, ct);
        var shenzhen = warehouses.EnumerateArray().First(w => w.GetProperty("name").GetString()!.Contains("Shenzhen", StringComparison.Ordinal)).GetProperty("id").GetGuid();
        var response = await seller.PutAsJsonAsync("/api/v1/seller/stock", new { sku, warehouseId = shenzhen, onHand }, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
    }

    private static async Task<Guid> FlashSaleAsync(HttpClient seller, TestProduct product, int quantity)
    {
        var ct = TestContext.Current.CancellationToken;
        var details = await seller.GetFromJsonAsync<JsonElement>($"/api/v1/seller/products/{product.Id}", LiveCrossApp.Json, ct);
        var skuId = details.GetProperty("variants").EnumerateArray().Single().GetProperty("id").GetGuid();
        var response = await seller.PostAsJsonAsync("/api/v1/seller/flash-sales", new
        {
            skuId,
            quantity,
            price = new { amount = FlashPriceUsd, currency = "USD" },
            perCustomerLimit = 1,
            durationSeconds = 600,
        }, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, ct)).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> ClaimAsync(HttpClient customer, Guid sale)
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{sale}/attempts") { Content = JsonContent.Create(new { quantity = 1 }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await customer.SendAsync(request, ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, ct);
        answer.GetProperty("outcome").GetString().ShouldBe("Accepted");
        return answer.GetProperty("claimId").GetGuid();
    }

    /// <summary>The order page shows Paid once the sandbox's webhook has arrived through the outbox; the shopper reloads (at most 20 s).</summary>
    private async Task ExpectPaidAsync()
    {
        for (var i = 0; i < 40 && !(await Page.GetByTestId("order-status").InnerTextAsync()).Contains("Paid", StringComparison.Ordinal); i++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await Page.ReloadAsync();
        }
        await Expect(Page.GetByTestId("order-status")).ToHaveTextAsync("Paid");
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveCross.Testing;

namespace LiveCross.Browser.Tests;

/// <summary>A shopper abroad goes from a product page through the checkout and the sandbox payment to a paid order.</summary>
public sealed class CheckoutTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_GB_shopper_buys_with_the_sandbox_card_and_sees_the_order_with_VAT()
    {
        var product = await StockedProductAsync("Checkout Earbuds GB", 40.00m, onHand: 5);

        await Page.GotoAsync($"/preferences?market=GB&returnUrl={Uri.EscapeDataString($"/products/{product.Id}")}");
        await Page.GetByTestId("add-to-cart").GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await Expect(Page.GetByTestId("cart-lines")).ToContainTextAsync(product.Sku);
        await Page.GetByTestId("checkout-link").ClickAsync();

        await Expect(Page.GetByTestId("checkout-page")).ToBeVisibleAsync();
        var checkoutTax = await Page.GetByTestId("charge-tax").InnerTextAsync();
        var checkoutTotal = await Page.GetByTestId("charge-total").InnerTextAsync();
        Amount(checkoutTax).ShouldBeGreaterThan(0m);
        checkoutTax.ShouldContain("£");
        await Expect(Page.GetByTestId("collected-at")).ToContainTextAsync("collected at checkout");
        await Expect(Page.GetByTestId("charge-explanation")).ToContainTextAsync("VAT");

        await Page.GetByTestId("email").FillAsync($"gb-{Guid.NewGuid():N}@example.com");
        await Page.GetByTestId("name").FillAsync("Oliver Smith");
        await Page.GetByTestId("line1").FillAsync("10 Downing Street");
        await Page.GetByTestId("city").FillAsync("London");
        await Page.GetByTestId("postal-code").FillAsync("sw1a2aa");
        await Page.GetByTestId("phone").FillAsync("020 7946 0958");
        await ScreenshotAsync("gb-checkout");
        await Page.GetByTestId("place-order").ClickAsync();

        await Expect(Page.GetByTestId("sandbox-pay")).ToBeVisibleAsync();
        await Page.Locator("#card-number").FillAsync("4242 4242 4242 4242");
        await Page.GetByTestId("pay-button").ClickAsync();

        // The sandbox sends the shopper back to the order, which turns paid when its webhook arrives (through the outbox).
        await Expect(Page.GetByTestId("order-page")).ToBeVisibleAsync();
        await ExpectPaidAsync();
        await Expect(Page.GetByTestId("charge-tax")).ToHaveTextAsync(checkoutTax);
        await Expect(Page.GetByTestId("charge-total")).ToHaveTextAsync(checkoutTotal);
        await Expect(Page.GetByTestId("charge-explanation")).ToContainTextAsync("VAT");
        await Expect(Page.GetByTestId("ship-to")).ToContainTextAsync("SW1A 2AA");
        await Expect(Page.GetByTestId("order-lines")).ToContainTextAsync(product.Sku);
        await ScreenshotAsync("gb-order-paid");
    }

    [Fact]
    public async Task Checkout_names_the_fields_a_shopper_got_wrong_keeps_what_they_typed_and_places_nothing()
    {
        var product = await StockedProductAsync("Checkout Cable DE", 12.00m, onHand: 3);

        await Page.GotoAsync($"/preferences?market=DE&returnUrl={Uri.EscapeDataString($"/products/{product.Id}")}");
        await Page.GetByTestId("add-to-cart").GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await Page.GotoAsync("/checkout");
        await Page.GetByTestId("email").FillAsync($"de-{Guid.NewGuid():N}@example.com");
        await Page.GetByTestId("name").FillAsync("Anna Schmidt");
        await Page.GetByTestId("line1").FillAsync("Friedrichstraße 43");
        await Page.GetByTestId("city").FillAsync("Berlin");
        await Page.GetByTestId("postal-code").FillAsync("1011");
        await Page.GetByTestId("phone").FillAsync("12");
        await Page.GetByTestId("place-order").ClickAsync();

        await Expect(Page.GetByTestId("checkout-problems")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-field='address.phone']")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-field='address.postalCode']")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("checkout-lines")).ToContainTextAsync(product.Sku);
        await Expect(Page.GetByTestId("line1")).ToHaveValueAsync("Friedrichstraße 43");
        (await StockAsync(product.Sku)).ShouldBe((OnHand: 3, Reserved: 0));
    }

    [Fact]
    public async Task A_customer_checks_out_from_their_saved_address_and_pays_again_after_a_declined_card()
    {
        var product = await StockedProductAsync("Checkout Lamp CA", 35.00m, onHand: 4);
        using (var customer = await App.ClientForAsync("customer2@livecross.test"))
        {
            var saved = await customer.PostAsJsonAsync("/api/v1/account/addresses", new
            {
                label = "Home",
                address = new { name = "Chloé Tremblay", line1 = "100 Queen St W", city = "Toronto", region = "ON", postalCode = "M5H 2N2", country = "CA", phone = "416 555 0123" },
            }, TestContext.Current.CancellationToken);
            saved.StatusCode.ShouldBe(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        await SignInAsync("customer2@livecross.test");
        await Page.GotoAsync($"/preferences?market=CA&returnUrl={Uri.EscapeDataString($"/products/{product.Id}")}");
        await Page.GetByTestId("add-to-cart").GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await Page.GotoAsync("/checkout");

        await Expect(Page.GetByTestId("line1")).ToHaveValueAsync("100 Queen St W");
        await Expect(Page.GetByTestId("region")).ToHaveValueAsync("ON");
        await Page.GetByTestId("place-order").ClickAsync();
        // The first quote had no province; Ontario's HST changes the tax, so the shopper sees the new charges first.
        if (await Page.GetByTestId("checkout-problems").IsVisibleAsync()) await Page.GetByTestId("place-order").ClickAsync();

        await Expect(Page.GetByTestId("sandbox-pay")).ToBeVisibleAsync();
        await Page.Locator("#card-number").FillAsync("4000 0000 0000 0002");
        await Page.GetByTestId("pay-button").ClickAsync();
        await Expect(Page.GetByTestId("pay-error")).ToBeVisibleAsync();

        await Page.GotoAsync("/account/orders");
        await Page.GetByTestId("order-link").First.ClickAsync();
        await Expect(Page.GetByTestId("order-status")).ToHaveTextAsync("Waiting for payment");
        await Expect(Page.GetByTestId("charge-explanation")).ToContainTextAsync("HST 13%");
        await Page.GetByTestId("pay-order").ClickAsync();
        await Page.Locator("#card-number").FillAsync("4242 4242 4242 4242");
        await Page.GetByTestId("pay-button").ClickAsync();
        await Expect(Page.GetByTestId("order-page")).ToBeVisibleAsync();
        await ExpectPaidAsync();
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

    private Task<TestProduct> StockedProductAsync(string title, decimal priceUsd, int onHand) =>
        TestProducts.CreateStockedAsync(App, title, priceUsd, onHand, TestContext.Current.CancellationToken);

    private async Task<(int OnHand, int Reserved)> StockAsync(string sku)
    {
        using var seller = await App.ClientForAsync("seller1@livecross.test");
        var page = await seller.GetFromJsonAsync<JsonElement>($"/api/v1/seller/stock?sku={Uri.EscapeDataString(sku)}", LiveCrossApp.Json, TestContext.Current.CancellationToken);
        var rows = page.GetProperty("items").EnumerateArray().ToList();
        return (rows.Sum(r => r.GetProperty("onHand").GetInt32()), rows.Sum(r => r.GetProperty("reserved").GetInt32()));
    }

    /// <summary>The number in a formatted amount such as "£9.60".</summary>
    private static decimal Amount(string formatted) =>
        decimal.Parse(Regex.Match(formatted, @"[\d.,]+").Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}

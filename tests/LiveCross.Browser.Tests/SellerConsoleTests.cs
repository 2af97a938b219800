using System.Globalization;
using System.Net.Http.Json;
using LiveCross.Server.Platform.DemoData;

namespace LiveCross.Browser.Tests;

public sealed class SellerConsoleTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Seller_edits_title_and_price_and_shoppers_see_them_on_the_product_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Console Test Earbuds " + Guid.NewGuid().ToString("N")[..6], 59.90m, ct);
        var newTitle = "Renamed Earbuds " + Guid.NewGuid().ToString("N")[..6];

        await SignInAsync("seller1@livecross.test");
        await Page.GotoAsync("/seller/products");
        await Page.GetByTestId("seller-products").GetByTestId("edit-link").Filter(new() { HasText = product.Title }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(PathIs($"/seller/products/{product.Id}"));
        await Page.GetByTestId("title-en").FillAsync(newTitle);
        await Page.GetByTestId($"price-{product.Sku}").FillAsync(74.25m.ToString(CultureInfo.InvariantCulture));
        await Page.GetByTestId("save").ClickAsync();

        await Expect(Page.GetByTestId("saved")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("title-en")).ToHaveValueAsync(newTitle);

        await Page.GotoAsync($"/products/{product.Id}");
        await Expect(Page.GetByTestId("product-title")).ToHaveTextAsync(newTitle);
        await Expect(Page.GetByTestId("product-price")).ToHaveTextAsync("$74.25");
    }

    [Fact]
    public async Task Customer_who_opens_the_seller_console_is_denied()
    {
        await SignInAsync("customer1@livecross.test");

        await Page.GotoAsync("/seller/products");

        await Expect(Page).ToHaveURLAsync(PathIs("/account/denied"));
        await Expect(Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("seller-products")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Anonymous_visitor_of_the_seller_console_is_sent_to_sign_in_and_back()
    {
        await Page.GotoAsync("/seller/products");

        await Expect(Page).ToHaveURLAsync(PathIs("/account/login"));
        await Page.GetByTestId("email").FillAsync("seller1@livecross.test");
        await Page.GetByTestId("password").FillAsync(DemoAccounts.Password);
        await Page.GetByTestId("sign-in").ClickAsync();

        await Expect(Page).ToHaveURLAsync(PathIs("/seller/products"));
        await Expect(Page.GetByTestId("seller-products")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_cookie_signed_in_api_change_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Forgery Target " + Guid.NewGuid().ToString("N")[..6], 19.90m, ct);
        await SignInAsync("seller1@livecross.test");

        // What a page on another site could make this browser send: the sign-in cookie, but no token.
        var response = await Context.APIRequest.PostAsync($"/api/v1/seller/products/{product.Id}/archive");

        response.Status.ShouldBe(400);
        (await response.TextAsync()).ShouldContain("antiforgery");
        using var seller = await App.ClientForAsync("seller1@livecross.test");
        var stored = await seller.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/seller/products/{product.Id}", ct);
        stored.GetProperty("status").GetString().ShouldBe("active");
    }
}

using System.Text.RegularExpressions;

namespace LiveCross.Browser.Tests;

public sealed class ProductPageTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Product_page_shows_title_price_and_details()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Browser Test Speaker " + Guid.NewGuid().ToString("N")[..6], 24.50m, ct);

        var response = await Page.GotoAsync($"/products/{product.Id}");

        response!.Status.ShouldBe(200);
        await Expect(Page.GetByTestId("product-title")).ToHaveTextAsync(product.Title);
        await Expect(Page.GetByTestId("product-price")).ToHaveTextAsync("$24.50");
        await Expect(Page.GetByTestId("product-details")).ToContainTextAsync(product.Sku);
        await Expect(Page).ToHaveTitleAsync(new Regex(Regex.Escape(product.Title)));
    }

    [Fact]
    public async Task Product_blocked_in_a_market_is_not_found_there_but_on_sale_elsewhere()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Browser Test Charger " + Guid.NewGuid().ToString("N")[..6], 12.00m, ct);
        await TestProducts.BlockAsync(App, product, "AU", ct);

        var inAustralia = await Page.GotoAsync($"/products/{product.Id}?market=AU");
        inAustralia!.Status.ShouldBe(404);
        await Expect(Page.GetByTestId("product-not-found")).ToContainTextAsync("Australia");
        await Expect(Page.GetByTestId("product-page")).ToHaveCountAsync(0);

        var inUs = await Page.GotoAsync($"/products/{product.Id}?market=US");
        inUs!.Status.ShouldBe(200);
        await Expect(Page.GetByTestId("product-title")).ToHaveTextAsync(product.Title);
    }
}

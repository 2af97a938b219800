using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LiveCross.Browser.Tests;

/// <summary>
/// Market and language as a shopper picks them in the header. This class makes no products of its own, so its
/// screenshots show the demo shop as a visitor would see it.
/// </summary>
public sealed class ShopperPreferencesTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    private static readonly Regex Arabic = new(@"\p{IsArabic}");

    [Fact]
    public async Task Home_page_shows_product_cards_priced_in_US_dollars()
    {
        await Page.GotoAsync("/");

        var prices = await CardPricesAsync();
        prices.ShouldNotBeEmpty();
        prices.ShouldAllBe(p => Regex.IsMatch(p, @"\$\d[\d,]*\.\d{2}") && !p.Contains('€'));
    }

    [Fact]
    public async Task Shopper_who_switches_to_Germany_sees_euro_prices_and_keeps_them_on_the_next_visit()
    {
        await Page.GotoAsync("/");
        await Expect(Page.GetByTestId("market-select")).ToHaveValueAsync("US");

        await Page.GetByTestId("market-select").SelectOptionAsync("DE"); // the select submits itself
        await Expect(Page.GetByTestId("market-select")).ToHaveValueAsync("DE");
        await Expect(Page.GetByTestId("price").First).ToContainTextAsync("€");
        (await CardPricesAsync()).ShouldAllBe(p => p.Contains('€') && !p.Contains('$'));
        await ScreenshotAsync("home-DE");

        (await Context.CookiesAsync()).ShouldContain(c => c.Name == "livecross.market" && c.Value == "DE");
        await Page.GotoAsync("/");
        await Expect(Page.GetByTestId("market-select")).ToHaveValueAsync("DE");
        (await CardPricesAsync()).ShouldAllBe(p => p.Contains('€'));
    }

    [Fact]
    public async Task Arabic_turns_the_page_right_to_left_and_mirrors_the_layout()
    {
        await Page.GotoAsync("/");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        (await CenterOfAsync(Page.GetByTestId("brand"))).ShouldBeLessThan(ViewportWidth / 2.0, "the logo starts on the left in English");

        await Page.GetByTestId("language-select").SelectOptionAsync("ar");

        await Expect(Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        var searchButton = await Page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button).InnerTextAsync();
        Arabic.IsMatch(searchButton).ShouldBeTrue($"search button says '{searchButton}'");
        var heading = await Page.Locator("h1").First.InnerTextAsync();
        Arabic.IsMatch(heading).ShouldBeTrue($"heading says '{heading}'");
        (await CenterOfAsync(Page.GetByTestId("brand"))).ShouldBeGreaterThan(ViewportWidth / 2.0, "the logo starts on the right in Arabic");
        await ScreenshotAsync("home-ar");
    }

    private async Task<IReadOnlyList<string>> CardPricesAsync()
    {
        await Expect(Page.GetByTestId("product-card").First).ToBeVisibleAsync();
        var prices = await Page.GetByTestId("product-card").GetByTestId("price").AllInnerTextsAsync();
        prices.ShouldNotBeEmpty();
        return prices;
    }

    private static async Task<double> CenterOfAsync(ILocator locator)
    {
        var box = await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("The element is not visible.");
        return box.X + box.Width / 2;
    }
}

using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Videos;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Browser.Tests;

/// <summary>A shopper follows a creator's share link, then buys through the checkout page: the order records the creator and video.</summary>
public sealed class CreatorReferralTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task An_order_placed_on_the_checkout_page_after_a_creators_share_link_is_credited_to_the_creator_and_video()
    {
        var (creatorId, videoId) = await DemoCreatorVideoAsync();
        var product = await TestProducts.CreateStockedAsync(App, "Referral Lamp", 30.00m, onHand: 5, TestContext.Current.CancellationToken);
        var email = $"referred-{Guid.NewGuid():N}@example.com";

        await Page.GotoAsync($"/videos/{videoId}?ref={creatorId}");
        await Expect(Page.GetByTestId("video-page")).ToBeVisibleAsync();
        await Page.GotoAsync($"/preferences?market=GB&returnUrl={Uri.EscapeDataString($"/products/{product.Id}")}");
        await Page.GetByTestId("add-to-cart").GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await Expect(Page.GetByTestId("cart-lines")).ToContainTextAsync(product.Sku);
        await Page.GetByTestId("checkout-link").ClickAsync();
        await Page.GetByTestId("email").FillAsync(email);
        await Page.GetByTestId("name").FillAsync("Olivia Jones");
        await Page.GetByTestId("line1").FillAsync("1 Market Street");
        await Page.GetByTestId("city").FillAsync("Leeds");
        await Page.GetByTestId("postal-code").FillAsync("LS1 6AA");
        await Page.GetByTestId("phone").FillAsync("0113 496 0000");
        await Page.GetByTestId("place-order").ClickAsync();
        await Expect(Page.GetByTestId("sandbox-pay")).ToBeVisibleAsync();

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var order = await db.Orders.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Email == email, TestContext.Current.CancellationToken);
        (order.ReferredByCreatorId, order.ReferredFromVideoId).ShouldBe((creatorId, videoId));
    }

    private async Task<(Guid Creator, Guid Video)> DemoCreatorVideoAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var creator = await db.Users.Where(u => u.Email == DemoAccounts.Creator).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        var video = await db.Videos.IgnoreQueryFilters().Where(v => v.CreatorId == creator && v.Status == VideoStatus.Published)
            .Select(v => v.Id).FirstAsync(TestContext.Current.CancellationToken);
        return (creator, video);
    }
}

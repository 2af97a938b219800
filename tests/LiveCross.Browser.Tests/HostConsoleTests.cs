using System.Globalization;
using System.Text.RegularExpressions;
using LiveCross.Server.Platform.DemoData;
using Microsoft.Playwright;

namespace LiveCross.Browser.Tests;

/// <summary>The host console at /seller/live: a seller schedules a session, goes live and runs a flash sale that viewers buy out.</summary>
public sealed partial class HostConsoleTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    private readonly ChromiumFixture _chromium = chromium;
    private readonly ShopServerFixture _server = server;

    [Fact]
    public async Task A_flash_sale_started_from_the_host_console_counts_down_and_sells_out_on_two_viewer_pages()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Host Console Lamp " + Guid.NewGuid().ToString("N")[..6], 39.90m, ct);
        var title = "Lamp night " + Guid.NewGuid().ToString("N")[..6];

        await SignInAsync(DemoAccounts.Seller1);
        await Page.GotoAsync("/seller/live");
        await Page.GetByTestId("title-0").FillAsync(title);
        await Page.GetByTestId("market-US").CheckAsync();
        await Page.GetByTestId("market-DE").CheckAsync();
        await Page.GetByTestId($"lineup-{product.Id}").CheckAsync();
        await Page.GetByTestId("schedule").ClickAsync();
        await Expect(Page.GetByTestId("scheduled")).ToContainTextAsync(title);
        await Expect(Page.GetByTestId("scheduled-stream-key")).ToHaveTextAsync(StreamKey());
        await Page.GetByTestId("scheduled-console-link").ClickAsync();

        await Expect(Page.GetByTestId("session-title")).ToHaveTextAsync(title);
        await Expect(Page.GetByTestId("room-state")).ToHaveTextAsync("In the room as its host.");
        await Page.GetByTestId("go-live").ClickAsync();
        await Expect(Page.GetByTestId("session-status")).ToHaveTextAsync("live");
        var sessionId = await Page.GetByTestId("host-console").GetAttributeAsync("data-session-id");

        await using var ann = await ViewerAsync(DemoAccounts.Customer1, sessionId!);
        await using var bob = await ViewerAsync(DemoAccounts.Customer2, sessionId!);
        await Expect(Page.GetByTestId("figure-viewers")).ToHaveTextAsync(new Regex("^[3-9]$")); // the host and two viewers

        await Page.GetByTestId($"pin-{product.Id}").ClickAsync();
        await Expect(Page.GetByTestId($"pinned-{product.Id}")).ToBeVisibleAsync();
        await Page.GetByTestId("flash-quantity").FillAsync("2");
        await Page.GetByTestId("flash-price").FillAsync(19.90m.ToString(CultureInfo.InvariantCulture));
        await Page.GetByTestId("flash-limit").FillAsync("1");
        await Page.GetByTestId("flash-duration").FillAsync("300");
        await Page.GetByTestId("flash-start").ClickAsync();
        await Expect(Page.GetByTestId("flash-remaining")).ToHaveTextAsync("2");
        await Expect(Page.GetByTestId("flash-countdown")).ToHaveTextAsync(new Regex(@"^[45]:\d\d left$"));

        foreach (var viewer in new[] { ann.Page, bob.Page })
        {
            await Expect(viewer.GetByTestId("flash-sale")).ToBeVisibleAsync();
            await Expect(viewer.GetByTestId("flash-remaining")).ToHaveTextAsync("2 of 2 left");
            await Expect(viewer.GetByTestId("flash-countdown")).ToContainTextAsync(new Regex(@"[45]:\d\d"));
        }

        await ann.Page.GetByTestId("flash-buy").ClickAsync();
        await Expect(bob.Page.GetByTestId("flash-remaining")).ToHaveTextAsync("1 of 2 left");
        await bob.Page.GetByTestId("flash-buy").ClickAsync();

        foreach (var viewer in new[] { ann.Page, bob.Page }) await Expect(viewer.GetByTestId("flash-remaining")).ToHaveTextAsync("Sold out");
        await Expect(Page.GetByTestId("flash-status")).ToHaveTextAsync("sold out");
        await Expect(Page.GetByTestId("flash-remaining")).ToHaveTextAsync("0");
        await Expect(Page.GetByTestId("flash-claims")).ToHaveTextAsync("2");
        await Expect(Page.GetByTestId("figure-orders")).ToHaveTextAsync("2");
        await Expect(Page.GetByTestId("figure-gmv")).ToHaveTextAsync("39.80");
        await ScreenshotAsync("host-console-sold-out");
    }

    [Fact]
    public async Task Bad_flash_sale_input_in_the_console_shows_the_field_and_starts_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Host Console Fan " + Guid.NewGuid().ToString("N")[..6], 25.00m, ct);
        await SignInAsync(DemoAccounts.Seller1);
        await Page.GotoAsync("/seller/live");
        await Page.GetByTestId("title-0").FillAsync("Fan hour");
        await Page.GetByTestId("market-US").CheckAsync();
        await Page.GetByTestId($"lineup-{product.Id}").CheckAsync();
        await Page.GetByTestId("schedule").ClickAsync();
        // The console's script arrives late, as on a slow connection: a click before it runs must not post the form natively.
        await Page.RouteAsync("**/live/host-console.js", async route =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            await route.ContinueAsync();
        });
        await Page.GetByTestId("scheduled-console-link").ClickAsync();
        await Expect(Page.GetByTestId("flash-start")).ToBeDisabledAsync();

        await Page.GetByTestId("flash-quantity").FillAsync("0");
        await Page.GetByTestId("flash-price").FillAsync("5");
        await Page.GetByTestId("flash-start").ClickAsync();

        await Expect(Page.GetByTestId("console-error")).ToContainTextAsync("quantity");
        await Expect(Page.GetByTestId("flash-now")).ToBeHiddenAsync();
        Page.Url.ShouldNotContain("quantity=");
    }

    [Fact]
    public async Task Scheduling_without_a_title_or_market_names_both_and_schedules_nothing()
    {
        await SignInAsync(DemoAccounts.Seller1);
        await Page.GotoAsync("/seller/products");
        await Page.GetByTestId("live-link").ClickAsync();
        await Expect(Page).ToHaveURLAsync(PathIs("/seller/live"));
        var before = await Page.GetByTestId("live-session-row").CountAsync();

        await Page.GetByTestId("schedule").ClickAsync();

        await Expect(Page.GetByTestId("errors")).ToContainTextAsync("titles[0].title");
        await Expect(Page.GetByTestId("errors")).ToContainTextAsync("markets");
        await Expect(Page.GetByTestId("scheduled")).ToHaveCountAsync(0);
        (await Page.GetByTestId("live-session-row").CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Another_seller_s_console_is_not_found()
    {
        await SignInAsync(DemoAccounts.Seller1);
        await Page.GotoAsync("/seller/live");
        var theirs = await Page.GetByTestId("live-session-row").First.GetAttributeAsync("data-session-id");
        await Page.GotoAsync($"/seller/live/{theirs}");
        await Expect(Page.GetByTestId("host-console")).ToBeVisibleAsync();
        await Context.ClearCookiesAsync();

        await SignInAsync(DemoAccounts.Seller2);
        var response = await Page.GotoAsync($"/seller/live/{theirs}");

        response!.Status.ShouldBe(404);
        await Expect(Page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("host-console")).ToHaveCountAsync(0);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{16,}$")]
    private static partial Regex StreamKey();

    /// <summary>A customer's own browser context on the session's viewer page.</summary>
    private async Task<Viewer> ViewerAsync(string email, string sessionId)
    {
        var context = await _chromium.Browser.NewContextAsync(new()
        {
            BaseURL = _server.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new() { Width = ViewportWidth, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByTestId("email").FillAsync(email);
        await page.GetByTestId("password").FillAsync(DemoAccounts.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToBeVisibleAsync();
        await page.GotoAsync($"/live/{sessionId}");
        return new Viewer(context, page);
    }

    private sealed record Viewer(IBrowserContext Context, IPage Page) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Context.DisposeAsync();
    }
}

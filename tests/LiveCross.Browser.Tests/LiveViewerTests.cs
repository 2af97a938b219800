using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace LiveCross.Browser.Tests;

/// <summary>
/// The viewer page /live/{id} in Chromium against a real server: two signed-in customers chatting in one room, an anonymous
/// viewer, the pinned product in the viewer's market currency, and a coupon drop claimed once.
/// </summary>
public sealed class LiveViewerTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chat_message_from_one_viewer_appears_on_the_other_viewers_page_in_the_list_and_as_danmaku()
    {
        var session = await LiveSessionAsync();
        await SignInAsync(DemoAccounts.Customer1);
        await using var otherContext = await NewContextAsync();
        var other = await otherContext.NewPageAsync();
        await SignInOnAsync(other, DemoAccounts.Customer2);

        await Page.GotoAsync($"/live/{session}");
        await other.GotoAsync($"/live/{session}");
        await Expect(Page.GetByTestId("live-viewer")).ToHaveAttributeAsync("data-joined", "true");
        await Expect(other.GetByTestId("live-viewer")).ToHaveAttributeAsync("data-joined", "true");
        await Expect(other.GetByTestId("viewer-count")).ToHaveAttributeAsync("data-count", "2");
        await Expect(Page.GetByTestId("like-button")).ToBeEnabledAsync();

        var line = "Hello from the first page " + Guid.NewGuid().ToString("N")[..6];
        await Page.GetByTestId("chat-input").FillAsync(line);
        await Page.GetByTestId("chat-send").ClickAsync();

        await Expect(other.GetByTestId("chat-list")).ToContainTextAsync(line);
        await Expect(other.GetByTestId("danmaku")).ToContainTextAsync(line);
        await Expect(Page.GetByTestId("chat-list")).ToContainTextAsync(line);
        await Expect(Page.GetByTestId("chat-input")).ToHaveValueAsync("");

        // A refusal is told in words: a line over the room's limit.
        await Page.GetByTestId("chat-input").FillAsync(new string('a', 250));
        await Page.GetByTestId("chat-send").ClickAsync();
        await Expect(Page.GetByTestId("chat-error")).ToHaveTextAsync("That message is too long.");
        await Expect(other.GetByTestId("chat-list").Locator(".chat-line")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_anonymous_viewer_sees_the_sign_in_prompt_the_counts_and_the_pinned_product_in_their_market_currency()
    {
        var product = await TestProducts.CreateAsync(App, "Live Ring Light " + Guid.NewGuid().ToString("N")[..6], 40.00m, Cancel);
        var session = await LiveSessionAsync(product.Id);

        await Page.GotoAsync($"/live/{session}?market=DE");
        await Expect(Page.GetByTestId("live-viewer")).ToHaveAttributeAsync("data-joined", "true");
        await Expect(Page.GetByTestId("sign-in-prompt")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("sign-in-prompt").Locator("a")).ToHaveAttributeAsync("href", $"/account/login?returnUrl=%2Flive%2F{session}");
        await Expect(Page.GetByTestId("chat-input")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("like-button")).ToBeDisabledAsync(); // still, once the page's script has run
        await Expect(Page.GetByTestId("viewer-count")).ToHaveTextAsync("1 watching");
        await Expect(Page.GetByTestId("like-count")).ToHaveTextAsync("0 likes");
        await Expect(Page.GetByTestId("pinned-card")).ToBeHiddenAsync();

        await using var host = await HostAsync(session);
        var pinned = await host.InvokeAsync<ModerationResult>("PinProduct", session, product.Id, Cancel);
        pinned.Accepted.ShouldBeTrue(pinned.Reason);

        await Expect(Page.GetByTestId("pinned-card")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("pinned-title")).ToHaveTextAsync(product.Title);
        await Expect(Page.GetByTestId("pinned-price")).ToHaveAttributeAsync("data-currency", "EUR");
        await Expect(Page.GetByTestId("pinned-price")).ToContainTextAsync("€");
        await Expect(Page.GetByTestId("pinned-buy")).ToHaveAttributeAsync("href", $"/products/{product.Id}");
        await Expect(Page.GetByTestId("viewer-count")).ToHaveTextAsync("2 watching");
    }

    [Fact]
    public async Task A_coupon_drop_appears_in_the_room_and_a_viewer_can_claim_it_once()
    {
        var session = await LiveSessionAsync();
        await SignInAsync(DemoAccounts.Customer1);
        await Page.GotoAsync($"/live/{session}");
        await Expect(Page.GetByTestId("live-viewer")).ToHaveAttributeAsync("data-joined", "true");
        await Expect(Page.GetByTestId("coupons")).ToBeHiddenAsync();

        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var drop = await seller.PostAsJsonAsync($"/api/v1/seller/live-sessions/{session}/coupons", new
        {
            quantity = 3,
            amountOff = new { amount = 5m, currency = "USD" },
            minimumSpend = new { amount = 30m, currency = "USD" },
            expiresAt = DateTimeOffset.UtcNow.AddHours(2),
        }, Cancel);
        drop.StatusCode.ShouldBe(HttpStatusCode.Created, await drop.Content.ReadAsStringAsync(Cancel));
        var couponId = (await drop.Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, Cancel)).GetProperty("id").GetGuid();

        var coupon = Page.Locator($"[data-coupon-id='{couponId}']");
        await Expect(coupon).ToBeVisibleAsync();
        await Expect(coupon).ToContainTextAsync("$5.00 off");
        await Expect(coupon.GetByTestId("coupon-left")).ToHaveTextAsync("3 left");
        await coupon.GetByTestId("coupon-claim").ClickAsync();
        await Expect(coupon.GetByTestId("coupon-outcome")).ToHaveTextAsync("Claimed: it is in your account.");
        await Expect(coupon.GetByTestId("coupon-claim")).ToBeDisabledAsync();
        await Expect(coupon.GetByTestId("coupon-left")).ToHaveTextAsync("2 left");

        // Once: a fresh page offers the button again, and the server answers that the coupon is already held.
        await Page.ReloadAsync();
        await coupon.GetByTestId("coupon-claim").ClickAsync();
        await Expect(coupon.GetByTestId("coupon-outcome")).ToHaveTextAsync("You already have this coupon.");
        var state = await (await App.CreateClient().GetAsync($"/api/v1/coupons/{couponId}", Cancel)).Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, Cancel);
        state.GetProperty("claimed").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_flash_sale_in_the_room_counts_down_and_a_tap_on_buy_holds_a_unit_to_pay_for_then_shows_sold_out()
    {
        var product = await TestProducts.CreateAsync(App, "Live Flash Lamp " + Guid.NewGuid().ToString("N")[..6], 30.00m, Cancel);
        var session = await LiveSessionAsync(product.Id);
        await SignInAsync(DemoAccounts.Customer1);
        await Page.GotoAsync($"/live/{session}");
        await Expect(Page.GetByTestId("live-viewer")).ToHaveAttributeAsync("data-joined", "true");
        await Expect(Page.GetByTestId("flash-sale")).ToBeHiddenAsync();

        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var skuId = (await seller.GetFromJsonAsync<JsonElement>($"/api/v1/seller/products/{product.Id}", LiveCrossApp.Json, Cancel)).GetProperty("variants")[0].GetProperty("id").GetGuid();
        var started = await seller.PostAsJsonAsync("/api/v1/seller/flash-sales", new
        {
            skuId,
            quantity = 1,
            price = new { amount = 9.99m, currency = "USD" },
            perCustomerLimit = 1,
            durationSeconds = 600,
            sessionId = session,
        }, Cancel);
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync(Cancel));

        await Expect(Page.GetByTestId("flash-sale")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("flash-price")).ToHaveTextAsync("$9.99");
        await Expect(Page.GetByTestId("flash-remaining")).ToHaveTextAsync("1 of 1 left");
        await Expect(Page.GetByTestId("flash-countdown")).ToContainTextAsync(new Regex(@"^Ends in (10:00|9:\d\d)$"));
        await Page.GetByTestId("flash-buy").ClickAsync();

        await Expect(Page.GetByTestId("flash-outcome")).ToHaveAttributeAsync("data-outcome", "Accepted");
        await Expect(Page.GetByTestId("flash-outcome")).ToContainTextAsync(new Regex(@"^It's yours! Pay within \d+:\d\d\.$"));
        await Expect(Page.GetByTestId("flash-pay")).ToHaveAttributeAsync("href", new Regex("^/checkout\\?claim=[0-9a-f-]{36}$"));
        await Expect(Page.GetByTestId("flash-remaining")).ToHaveTextAsync("Sold out");
        await Expect(Page.GetByTestId("flash-buy")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task A_lucky_draw_shows_its_rule_takes_a_viewers_entry_and_shows_the_result_with_a_link_to_verify_it()
    {
        var session = await LiveSessionAsync();
        await SignInAsync(DemoAccounts.Customer2);
        await Page.GotoAsync($"/live/{session}");
        await Expect(Page.GetByTestId("live-viewer")).ToHaveAttributeAsync("data-joined", "true");

        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var started = await seller.PostAsJsonAsync($"/api/v1/seller/live-sessions/{session}/draws", new
        {
            prize = "Mystery bag",
            winners = 1,
            durationSeconds = 600,
            entryRule = new { kind = "watch", seconds = 1 },
        }, Cancel);
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync(Cancel));
        var drawId = (await started.Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, Cancel)).GetProperty("id").GetGuid();

        var draw = Page.Locator($"[data-draw-id='{drawId}']");
        await Expect(draw).ToContainTextAsync("Prize: Mystery bag");
        await Expect(draw.GetByTestId("draw-rule")).ToHaveTextAsync("Stay in the room for 1 seconds, then enter.");
        await Expect(draw.GetByTestId("draw-countdown")).ToBeVisibleAsync();
        // The rule's one second in the room, counted by the server from the draw's start, has passed after this wait.
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancel);
        await draw.GetByTestId("draw-enter").ClickAsync();
        await Expect(draw.GetByTestId("draw-outcome")).ToHaveTextAsync("You're in the draw. Good luck!");
        await Expect(draw.GetByTestId("draw-enter")).ToHaveCountAsync(0);

        (await seller.PostAsync($"/api/v1/seller/draws/{drawId}/end", null, Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Expect(draw).ToHaveAttributeAsync("data-status", "drawn");
        await Expect(draw.GetByTestId("draw-result")).ToHaveTextAsync("1 winners among 1 entrants.");
        await Expect(draw.GetByTestId("draw-you")).ToHaveTextAsync("You won!");
        await Expect(draw.GetByTestId("draw-verify")).ToHaveAttributeAsync("href", $"/draws/{drawId}/verify");
    }

    [Fact]
    public async Task The_live_list_shows_the_markets_sessions_live_now_and_coming_up_and_leads_to_the_viewer_page()
    {
        var live = await LiveSessionAsync();
        var upcoming = await SessionAsync(goLive: false);

        await Page.GotoAsync("/live?market=GB");
        await Expect(Page.GetByTestId("live-list")).ToBeVisibleAsync();
        await Expect(Page.Locator($"[data-session-id='{live}']")).ToHaveCountAsync(0);

        await Page.GotoAsync("/");
        await Page.GetByTestId("nav-live").ClickAsync();
        await Expect(Page).ToHaveURLAsync(PathIs("/live"));
        await Expect(Page.GetByTestId("live-upcoming").Locator($"[data-session-id='{upcoming}']")).ToContainTextAsync("Starts");
        var card = Page.GetByTestId("live-now").Locator($"[data-session-id='{live}']");
        await Expect(card).ToContainTextAsync("Shenzhen VoltWave Electronics");
        await card.Locator("a").ClickAsync();
        await Expect(Page).ToHaveURLAsync(PathIs($"/live/{live}"));
        await Expect(Page.GetByTestId("live-viewer")).ToHaveAttributeAsync("data-joined", "true");
    }

    /// <summary>A session of seller1 for the US and DE markets, with the products in its line-up, live now.</summary>
    private Task<Guid> LiveSessionAsync(params Guid[] products) => SessionAsync(goLive: true, products);

    private async Task<Guid> SessionAsync(bool goLive, params Guid[] products)
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var created = await seller.PostAsJsonAsync("/api/v1/seller/live-sessions", new
        {
            titles = new[] { new { locale = "en", title = "Browser live " + Guid.NewGuid().ToString("N")[..6] } },
            defaultLocale = "en",
            markets = new[] { "US", "DE" },
            products,
            scheduledStart = DateTimeOffset.UtcNow.AddHours(1),
        }, Cancel);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancel));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, Cancel)).GetProperty("id").GetGuid();
        if (!goLive) return id;
        var live = await seller.PostAsync($"/api/v1/seller/live-sessions/{id}/go-live", null, Cancel);
        live.StatusCode.ShouldBe(HttpStatusCode.OK, await live.Content.ReadAsStringAsync(Cancel));
        return id;
    }

    /// <summary>The host (seller1) in the room over SignalR, as the host console would be.</summary>
    private async Task<HubConnection> HostAsync(Guid session)
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var token = seller.DefaultRequestHeaders.Authorization!.Parameter!;
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(App.ClientOptions.BaseAddress, RoomHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await hub.StartAsync(Cancel);
        await hub.InvokeAsync<RoomSnapshot>("JoinRoom", session, null, "US", Cancel);
        return hub;
    }

    private async Task<IBrowserContext> NewContextAsync() => await Context.Browser!.NewContextAsync(new()
    {
        BaseURL = App.ClientOptions.BaseAddress.ToString().TrimEnd('/'),
        ViewportSize = new() { Width = ViewportWidth, Height = 900 },
        Locale = "en-US",
    });

    private static async Task SignInOnAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByTestId("email").FillAsync(email);
        await page.GetByTestId("password").FillAsync(DemoAccounts.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToBeVisibleAsync();
    }
}

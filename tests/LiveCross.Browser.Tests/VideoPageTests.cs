using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;

namespace LiveCross.Browser.Tests;

/// <summary>The public video page of a demo video: a tag's product card appears at its time, tapping it opens the product page, and the page reports to the tracker.</summary>
public sealed class VideoPageTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    // Stands in for the event tracker script (built by the events work): records what the page reports.
    private const string RecordingTracker = "window.__events = []; window.LiveCrossEvents = { track: (type, fields) => window.__events.push({ type, ...fields }) };";

    [Fact]
    public async Task A_tag_card_appears_at_its_time_and_tapping_it_opens_the_product_page()
    {
        ExternalProgram.Require(ExternalProgram.Find("/usr/bin/ffmpeg"), "ffmpeg");
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();
        var listing = await client.GetFromJsonAsync<JsonElement>("/api/v1/videos?market=US", ct);
        var id = listing.GetProperty("items").EnumerateArray().First().GetProperty("id").GetGuid();
        var video = await client.GetFromJsonAsync<JsonElement>($"/api/v1/videos/{id}?market=US", ct);
        var tag = video.GetProperty("tags").EnumerateArray().First();
        var start = tag.GetProperty("startSecond").GetDouble();
        var productId = tag.GetProperty("productId").GetGuid();
        await Context.AddInitScriptAsync(RecordingTracker);

        await Page.GotoAsync($"/videos/{id}");
        var player = Page.GetByTestId("video-player");
        await Expect(player).ToBeVisibleAsync();
        (await player.EvaluateAsync<bool>("v => v.canPlayType('video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\"') !== ''")).ShouldBeTrue();
        var card = Page.Locator($"[data-testid=tag-card][data-product-id='{productId}']");
        await Expect(card).ToBeHiddenAsync();

        // Autoplay (muted) runs the video on; the card shows once it reaches the tag's start.
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 20_000 });
        (await player.EvaluateAsync<double>("v => v.currentTime")).ShouldBeGreaterThanOrEqualTo(start);
        await Expect(card.Locator("[data-testid=tag-card-landed]")).ToContainTextAsync("$");
        var events = await Page.EvaluateAsync<JsonElement>("() => window.__events");
        events.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldContain("view_start");

        // Held inside the tag's time: the card hides when the playhead passes the tag's end, and a tap landing then hits the video.
        await player.EvaluateAsync("(v, at) => { v.pause(); v.currentTime = at; }", start + 0.1);
        await Expect(card).ToBeVisibleAsync();
        await card.ClickAsync();
        // The address is enough: the page's load event can wait on media for long under load; the next line waits for the page.
        await Page.WaitForURLAsync($"**/products/{productId}", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await Expect(Page.GetByTestId("product-page")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("landed-price")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_signed_in_shopper_likes_and_comments_and_a_banned_word_is_refused()
    {
        ExternalProgram.Require(ExternalProgram.Find("/usr/bin/ffmpeg"), "ffmpeg");
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();
        var listing = await client.GetFromJsonAsync<JsonElement>("/api/v1/videos?market=US", ct);
        var id = listing.GetProperty("items").EnumerateArray().Last().GetProperty("id").GetGuid();
        await Context.AddInitScriptAsync(RecordingTracker);
        await SignInAsync(DemoAccounts.Customer2);

        await Page.GotoAsync($"/videos/{id}");
        await Page.GetByTestId("like").ClickAsync();
        await Expect(Page.GetByTestId("like")).ToHaveAttributeAsync("aria-pressed", "true");
        var text = $"Love the colour {Guid.NewGuid():N}"[..24];
        await Page.GetByTestId("comment-text").FillAsync(text);
        await Page.GetByTestId("comment-send").ClickAsync();
        await Expect(Page.GetByTestId("comments")).ToContainTextAsync(text);

        await Page.GetByTestId("comment-text").FillAsync("this shop is a scam");
        await Page.GetByTestId("comment-send").ClickAsync();
        await Expect(Page.GetByTestId("comment-error")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("comments")).Not.ToContainTextAsync("scam");

        var comments = await client.GetFromJsonAsync<JsonElement>($"/api/v1/videos/{id}/comments", ct);
        comments.EnumerateArray().Select(c => c.GetProperty("text").GetString()).ShouldContain(text);
        var events = (await Page.EvaluateAsync<JsonElement>("() => window.__events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        events.ShouldContain("like");
        events.ShouldContain("comment");
    }
}

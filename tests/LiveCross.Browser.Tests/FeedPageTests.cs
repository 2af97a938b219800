using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Recommendations;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Browser.Tests;

/// <summary>The vertical feed at /feed: swiping moves one entry at a time, a video's tag card appears at its time, and tapping it opens the product.</summary>
public sealed class FeedPageTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Swiping_the_feed_plays_the_video_in_view_whose_tag_card_appears_at_its_time_and_opens_the_product()
    {
        ExternalProgram.Require(ExternalProgram.Find("/usr/bin/ffmpeg"), "ffmpeg");
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();
        // Shoppers in the US watched the demo videos, so the feed of a new visitor there carries them (popular in the market).
        var videos = (await client.GetFromJsonAsync<JsonElement>("/api/v1/videos?market=US", ct)).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).ToList();
        videos.ShouldNotBeEmpty();
        for (var shopper = 0; shopper < 3; shopper++)
        {
            var now = App.Clock.GetUtcNow().AddSeconds(-5).ToString("O", CultureInfo.InvariantCulture);
            var batch = new JsonArray([.. videos.Select(v => (JsonNode)new JsonObject { ["eventId"] = Guid.NewGuid().ToString(), ["type"] = "view_start", ["occurredAt"] = now, ["videoId"] = v.ToString() })]);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events?market=US") { Content = JsonContent.Create(batch) };
            request.Headers.Add("X-LiveCross-Client", $"feed-test-{Guid.NewGuid():N}");
            (await client.SendAsync(request, ct)).EnsureSuccessStatusCode();
        }
        await App.Services.GetRequiredService<RecommendationRetrainer>().RetrainAsync(ct);

        await Page.GotoAsync("/feed");
        var entries = Page.GetByTestId("feed-entry");
        await Expect(entries.First).ToBeVisibleAsync();
        var kinds = await entries.EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.kind)");
        var index = Array.IndexOf(kinds, "video");
        index.ShouldBeGreaterThanOrEqualTo(0, $"the feed shows {string.Join(", ", kinds)}");
        // A live session on air comes first for a new visitor; swipe on to the first video.
        for (var i = 0; i < index; i++) await Page.GetByTestId("feed-next").ClickAsync();
        var entry = entries.Nth(index);
        await Expect(entry).ToBeInViewportAsync(new() { Ratio = 0.6f });
        var id = Guid.Parse((await entry.GetAttributeAsync("data-id"))!);
        var video = await client.GetFromJsonAsync<JsonElement>($"/api/v1/videos/{id}?market=US", ct);
        var tag = video.GetProperty("tags").EnumerateArray().First();
        var productId = tag.GetProperty("productId").GetGuid();
        var card = entry.Locator($"[data-testid=feed-tag][data-product-id='{productId}']");
        await Expect(card).ToBeHiddenAsync();

        // The video in view plays (muted) and its card shows once the playhead reaches the tag's start.
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 20_000 });
        (await entry.Locator("video").EvaluateAsync<double>("v => v.currentTime")).ShouldBeGreaterThanOrEqualTo(tag.GetProperty("startSecond").GetDouble());
        await Expect(card.Locator("[data-testid=feed-tag-landed]")).ToContainTextAsync("$");

        // Held inside the tag's time: a card hides when the playhead passes the tag's end, and a click landing just then would
        // hit the video instead (seen once under CI load).
        await entry.Locator("video").EvaluateAsync("(v, at) => { v.pause(); v.currentTime = at; }", tag.GetProperty("startSecond").GetDouble() + 0.1);
        await Expect(card).ToBeVisibleAsync();
        await card.ClickAsync();
        // The address is enough: the page's load event can wait on media for long under load; the next line waits for the page.
        await Page.WaitForURLAsync($"**/products/{productId}", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await Expect(Page.GetByTestId("product-page")).ToBeVisibleAsync();
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Testing;

namespace LiveCross.Browser.Tests;

/// <summary>The replay page of the demo replay: clicking a product on the timeline seeks the video to when it was pinned.</summary>
public sealed class ReplayPageTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Clicking_a_product_on_the_timeline_seeks_the_video_to_its_offset()
    {
        ExternalProgram.Require(ExternalProgram.Find("/usr/bin/ffmpeg"), "ffmpeg");
        var ct = TestContext.Current.CancellationToken;
        using var client = App.CreateClient();
        var listing = await client.GetFromJsonAsync<JsonElement>("/api/v1/live-sessions/replays?market=US", ct);
        var demo = listing.GetProperty("items").EnumerateArray().First();
        var id = demo.GetProperty("sessionId").GetGuid();
        var replay = await client.GetFromJsonAsync<JsonElement>($"/api/v1/live-sessions/{id}/replay?market=US", ct);
        var offsets = replay.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("offsetSeconds").GetDouble()).ToList();
        offsets.Count.ShouldBeGreaterThanOrEqualTo(2);

        await Page.GotoAsync($"/live/{id}/replay");
        var video = Page.GetByTestId("replay-video");
        await Expect(video).ToBeVisibleAsync();
        // Chromium must be able to play the file at all: its metadata (duration) loads.
        await Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=replay-video]').readyState >= 1");
        (await video.EvaluateAsync<bool>("v => v.canPlayType('video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\"') !== ''")).ShouldBeTrue();

        var products = Page.GetByTestId("timeline-product");
        await Expect(products).ToHaveCountAsync(offsets.Count);
        await products.Nth(1).Locator("button").ClickAsync();
        var expected = offsets[1].ToString(CultureInfo.InvariantCulture);
        await Page.WaitForFunctionAsync($"() => Math.abs(document.querySelector('[data-testid=replay-video]').currentTime - {expected}) < 0.5");
        await Expect(products.Nth(1)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("current"));

        await products.Nth(0).Locator("button").ClickAsync();
        var first = offsets[0].ToString(CultureInfo.InvariantCulture);
        await Page.WaitForFunctionAsync($"() => Math.abs(document.querySelector('[data-testid=replay-video]').currentTime - {first}) < 0.5");
    }
}

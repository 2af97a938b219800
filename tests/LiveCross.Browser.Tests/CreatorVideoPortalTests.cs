using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;

namespace LiveCross.Browser.Tests;

/// <summary>The creator portal: the demo creator finds "My videos" in the menu, uploads a file with the progress bar filling, and sees it listed and transcoded.</summary>
public sealed class CreatorVideoPortalTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_creator_uploads_a_video_with_progress_and_sees_it_listed()
    {
        var file = Path.Combine(Path.GetTempPath(), $"livecross-creator-{Guid.NewGuid():N}.mp4");
        await TestVideos.WriteAsync(file, 320, 240, 1, audio: true, TestContext.Current.CancellationToken);
        try
        {
            await SignInAsync(DemoAccounts.Creator);
            await Page.GotoAsync("/");
            await Page.GetByTestId("nav-creator-videos").ClickAsync();
            await Expect(Page).ToHaveURLAsync(PathIs("/creator/videos"));

            // The finish request waits until the test has seen the bar full, so the check does not race the page's reload.
            var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Page.RouteAsync("**/api/v1/creator/videos/uploads/*/finish", async route =>
            {
                await sent.Task;
                await route.ContinueAsync();
            });
            var title = $"Mia unboxes {Guid.NewGuid():N}"[..20];
            await Page.GetByTestId("upload-file").SetInputFilesAsync(file);
            await Page.GetByTestId("upload-title").FillAsync(title);
            await Page.GetByTestId("upload-start").ClickAsync();

            var bar = Page.GetByTestId("upload-progress");
            await Expect(bar).ToBeVisibleAsync();
            await Expect(bar).ToHaveJSPropertyAsync("value", 100);
            await Expect(Page.GetByTestId("upload-status")).ToHaveTextAsync("Checking the file…");
            sent.SetResult();

            var row = Page.GetByTestId("video-row").Filter(new() { HasText = title });
            await Expect(row.GetByTestId("video-job")).ToHaveTextAsync("ready", new() { Timeout = 120_000 });
            await Expect(row.GetByTestId("video-status")).ToHaveTextAsync("ready");
            await ScreenshotAsync("creator-videos");
            await row.GetByTestId("video-edit").ClickAsync();
            await Expect(Page.GetByTestId("product-search")).ToBeVisibleAsync();
            await ScreenshotAsync("creator-video-edit");
        }
        finally
        {
            File.Delete(file);
        }
    }
}

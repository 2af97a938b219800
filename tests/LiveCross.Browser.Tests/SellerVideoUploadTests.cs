using System.Diagnostics;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;

namespace LiveCross.Browser.Tests;

/// <summary>The seller's videos page: a file chosen in the browser is uploaded in chunks, transcoded with progress shown, then published from its edit page.</summary>
public sealed class SellerVideoUploadTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_seller_uploads_a_video_sees_it_transcoded_and_publishes_it()
    {
        var ffmpeg = ExternalProgram.Require(ExternalProgram.Find("/usr/bin/ffmpeg"), "ffmpeg");
        var file = Path.Combine(Path.GetTempPath(), $"livecross-upload-{Guid.NewGuid():N}.mp4");
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-f", "lavfi", "-i", "sine",
            "-t", "1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", file })
            start.ArgumentList.Add(a);
        using (var process = Process.Start(start)!)
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            process.ExitCode.ShouldBe(0);
        }
        try
        {
            await SignInAsync(DemoAccounts.Seller1);
            await Page.GotoAsync("/seller/videos");
            var title = $"Desk tour {Guid.NewGuid():N}"[..18];
            await Page.GetByTestId("upload-file").SetInputFilesAsync(file);
            await Page.GetByTestId("upload-title").FillAsync(title);
            await Page.GetByTestId("upload-start").ClickAsync();

            var row = Page.GetByTestId("video-row").Filter(new() { HasText = title });
            await Expect(row.GetByTestId("video-job")).ToHaveTextAsync("ready", new() { Timeout = 120_000 });
            await Expect(row.GetByTestId("video-status")).ToHaveTextAsync("ready");

            await row.GetByTestId("video-edit").ClickAsync();
            await Page.GetByTestId("publish").ClickAsync();
            await Expect(Page.GetByTestId("edit-status")).ToHaveTextAsync("published");
            await Page.GetByTestId("public-page").ClickAsync();
            await Expect(Page.GetByTestId("video-title")).ToHaveTextAsync(title);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

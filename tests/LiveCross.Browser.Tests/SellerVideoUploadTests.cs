using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Browser.Tests;

/// <summary>The seller's videos page: a file chosen in the browser is uploaded in chunks, transcoded with progress shown, then published from its edit page.</summary>
public sealed class SellerVideoUploadTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_seller_uploads_a_video_sees_it_transcoded_and_publishes_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"livecross-upload-{Guid.NewGuid():N}.mp4");
        await TestVideos.WriteAsync(file, 320, 240, 1, audio: true, TestContext.Current.CancellationToken);
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
            await Expect(Page.GetByTestId("publish")).ToBeDisabledAsync();
            await Expect(Page.GetByTestId("hide")).ToBeEnabledAsync();
            await Page.GetByTestId("public-page").ClickAsync();
            await Expect(Page.GetByTestId("video-title")).ToHaveTextAsync(title);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_seller_deletes_a_caption_and_then_the_video_from_its_edit_page_after_confirming()
    {
        var title = $"Old clip {Guid.NewGuid():N}"[..17];
        var id = await ReadyVideoAsync(title);
        using var api = await App.ClientForAsync(DemoAccounts.Seller1);
        var caption = await api.PutAsync($"/api/v1/seller/videos/{id}/captions/de",
            new StringContent("WEBVTT\n\n00:00.000 --> 00:01.000\nHallo\n", System.Text.Encoding.UTF8, "text/vtt"), TestContext.Current.CancellationToken);
        caption.EnsureSuccessStatusCode();
        var confirms = new List<string>();
        Page.Dialog += async (_, dialog) =>
        {
            confirms.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await SignInAsync(DemoAccounts.Seller1);
        await Page.GotoAsync($"/seller/videos/{id}");

        await Page.GetByTestId("delete-caption").ClickAsync();
        await Expect(Page.GetByTestId("captions")).ToHaveCountAsync(0);
        await Page.GetByTestId("delete-video").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/seller/videos$"));
        await Expect(Page.GetByTestId("video-row").Filter(new() { HasText = title })).ToHaveCountAsync(0);
        confirms.Count.ShouldBe(2);
        (await api.GetAsync($"/api/v1/seller/videos/{id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }

    /// <summary>A transcoded (ready) video of seller 1, written straight to the database: this test is about the page, not ffmpeg.</summary>
    private async Task<Guid> ReadyVideoAsync(string title)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCross.Server.Platform.Database.LiveCrossDbContext>();
        var seller = await db.Sellers.SingleAsync(s => s.Slug == DemoSeeder.ElectronicsSlug, TestContext.Current.CancellationToken);
        var staff = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Seller1, TestContext.Current.CancellationToken);
        var video = new LiveCross.Server.Videos.Video
        {
            SellerId = seller.Id,
            UploadedBy = staff.Id,
            SourceKey = "videos/none/source.mp4",
            DurationSeconds = 5,
            Width = 320,
            Height = 240,
            Status = LiveCross.Server.Videos.VideoStatus.Ready,
            Job = LiveCross.Server.Videos.TranscodeState.Done,
            Progress = 100,
        };
        video.Texts.Add(new LiveCross.Server.Videos.VideoText { VideoId = video.Id, Locale = "en", Title = title });
        db.Videos.Add(video);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return video.Id;
    }
}

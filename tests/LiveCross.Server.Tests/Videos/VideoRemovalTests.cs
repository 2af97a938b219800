using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Recommendations;
using LiveCross.Server.Tests.Support;
using LiveCross.Server.Videos;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Videos;

/// <summary>Deleting a video or a caption: rows and files go, other sellers cannot, a transcode under way stops, and the feed never shows it again.</summary>
public sealed class VideoRemovalTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const string Vtt = "WEBVTT\n\n00:00.000 --> 00:00.900\nHello\n";

    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task A_deleted_video_is_gone_with_its_likes_comments_captions_and_every_file_and_another_seller_cannot_delete_it()
    {
        var file = await VideosApi.MakeAsync(320, 240, 1);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var other = await App.ClientForAsync(DemoAccounts.Seller2);
        using var customer = await App.ClientForAsync(DemoAccounts.Customer1);
        var id = (await (await seller.UploadAsync(file, title: "Soon gone")).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        await seller.WaitForJobAsync(id);
        await (await seller.PutAsync($"{VideosApi.Seller}/{id}/captions/en", new StringContent(Vtt, Encoding.UTF8, "text/vtt"), Api.Cancel)).ShouldBeJsonAsync();
        var product = (await seller.CreateProductAsync(ProductBuilder.Titled($"Gone lamp {Unique.Word()}").Variant(Unique.Sku(), 20m))).Id();
        await (await seller.SendJsonAsync(HttpMethod.Put, $"{VideosApi.Seller}/{id}/tags", new JsonObject
        {
            ["tags"] = new JsonArray(new JsonObject { ["productId"] = product.ToString(), ["startSecond"] = 0, ["endSecond"] = 0.5 }),
        })).ShouldBeJsonAsync();
        await (await seller.PostAsync($"{VideosApi.Seller}/{id}/publish", null, Api.Cancel)).ShouldBeJsonAsync();
        await (await customer.PostAsync($"/api/v1/videos/{id}/likes", null, Api.Cancel)).ShouldBeJsonAsync();
        await (await customer.SendJsonAsync(HttpMethod.Post, $"/api/v1/videos/{id}/comments", new JsonObject { ["text"] = "Nice" })).ShouldBeJsonAsync(HttpStatusCode.Created);
        var folder = Path.Combine(App.DataDirectory, "media-store", "videos", id.ToString("N"));
        (await RowsOfAsync(id)).Split(' ').ShouldAllBe(count => count != "0", "the video has a row of every kind before");
        Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order()
            .ShouldBe(["360p.mp4", "captions-en.vtt", "poster.jpg", "preview.mp4", "source.mp4"]);

        await (await other.DeleteAsync($"{VideosApi.Seller}/{id}", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await customer.GetAsync($"/api/v1/videos/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK, "another seller's delete changed nothing");

        (await seller.DeleteAsync($"{VideosApi.Seller}/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await seller.GetAsync($"{VideosApi.Seller}/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await customer.GetAsync($"/api/v1/videos/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await customer.GetAsync($"/api/v1/videos/{id}/files/360p.mp4", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await seller.GetJsonAsync(VideosApi.Seller)).GetProperty("items").EnumerateArray().Select(v => v.Id()).ShouldNotContain(id);
        Directory.Exists(folder).ShouldBeFalse();
        (await RowsOfAsync(id)).ShouldBe("0 0 0 0 0 0 0 0");
        await (await seller.DeleteAsync($"{VideosApi.Seller}/{id}", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_caption_is_deleted_with_its_file_and_a_missing_one_is_404()
    {
        var file = await VideosApi.MakeAsync(160, 120, 1);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var id = (await (await seller.UploadAsync(file)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        await seller.WaitForJobAsync(id);
        foreach (var locale in new[] { "en", "de" })
            await (await seller.PutAsync($"{VideosApi.Seller}/{id}/captions/{locale}", new StringContent(Vtt, Encoding.UTF8, "text/vtt"), Api.Cancel)).ShouldBeJsonAsync();
        var caption = Path.Combine(App.DataDirectory, "media-store", "videos", id.ToString("N"), "captions-de.vtt");
        File.Exists(caption).ShouldBeTrue();

        (await seller.DeleteAsync($"{VideosApi.Seller}/{id}/captions/de", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        File.Exists(caption).ShouldBeFalse();
        Captions(await seller.GetJsonAsync($"{VideosApi.Seller}/{id}")).ShouldBe(["en"]);
        await (await seller.DeleteAsync($"{VideosApi.Seller}/{id}/captions/de", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await seller.DeleteAsync($"{VideosApi.Seller}/{id}/captions/es", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Captions(await seller.GetJsonAsync($"{VideosApi.Seller}/{id}")).ShouldBe(["en"]);
    }

    [Fact]
    public async Task A_video_deleted_while_it_is_transcoded_stops_its_job_and_leaves_no_file()
    {
        // Long enough that ffmpeg is still at work when the delete comes: the test waits for its first progress report.
        var file = await VideosApi.MakeAsync(640, 360, 60);
        await using var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, configure: a => a.WithSetting("Videos:RunJobs", "false"));
        using var seller = await app.ClientForAsync(DemoAccounts.Seller1);
        var id = (await (await seller.UploadAsync(file, chunk: 4 * 1024 * 1024)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        var job = app.Services.GetRequiredService<TranscodeJob>();

        var run = Task.Run(() => job.RunAsync(id, Api.Cancel), Api.Cancel);
        JsonElement video = default;
        for (var i = 0; i < 600 && !run.IsCompleted; i++)
        {
            video = await seller.GetJsonAsync($"{VideosApi.Seller}/{id}");
            if (video.GetProperty("job").GetString() == "running" && video.GetProperty("progress").GetInt32() > 0) break;
            await Task.Delay(50, Api.Cancel);
        }
        (video.GetProperty("job").GetString(), run.IsCompleted).ShouldBe(("running", false), "the transcode is under way");

        (await seller.DeleteAsync($"{VideosApi.Seller}/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await run;

        Directory.Exists(Path.Combine(app.DataDirectory, "media-store", "videos", id.ToString("N"))).ShouldBeFalse();
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().Videos.IgnoreQueryFilters().CountAsync(v => v.Id == id, Api.Cancel)).ShouldBe(0);
    }

    [Fact]
    public async Task The_feed_skips_a_deleted_video_that_its_cached_ranking_still_holds()
    {
        var file = await VideosApi.MakeAsync(160, 120, 1);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var id = (await (await seller.UploadAsync(file, title: "Feed star")).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        await seller.WaitForJobAsync(id);
        await (await seller.PostAsync($"{VideosApi.Seller}/{id}/publish", null, Api.Cancel)).ShouldBeJsonAsync();
        using var shoppers = App.CreateClient();
        for (var i = 0; i < 12; i++)
            await shoppers.PostEventsOkAsync(EventsApi.Batch(EventsApi.Event("view_start", App.Clock.GetUtcNow(), videoId: id)), EventsApi.ClientId(), "?market=DE");
        await App.Services.GetRequiredService<RecommendationRetrainer>().RetrainAsync(Api.Cancel);
        var viewer = EventsApi.ClientId();
        (await FeedIdsAsync(shoppers, viewer)).ShouldContain(id);

        (await seller.DeleteAsync($"{VideosApi.Seller}/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await FeedIdsAsync(shoppers, viewer)).ShouldNotContain(id);
        (await FeedIdsAsync(shoppers, EventsApi.ClientId())).ShouldNotContain(id);
    }

    /// <summary>Every page of a shopper's feed in Germany (bounded: a feed has at most 500 entries).</summary>
    private static async Task<List<Guid>> FeedIdsAsync(HttpClient client, string clientId)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        for (var pages = 0; pages < 70; pages++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/feed?market=DE&locale=en{(cursor is null ? "" : $"&cursor={cursor}")}");
            request.Headers.Add("X-LiveCross-Client", clientId);
            var page = await (await client.SendAsync(request, Api.Cancel)).ShouldBeJsonAsync();
            ids.AddRange(page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
            if (cursor is null) break;
        }
        return ids;
    }

    private static List<string> Captions(JsonElement video) => [.. video.GetProperty("captions").EnumerateArray().Select(c => c.GetString()!)];

    /// <summary>Rows of the video and of everything hanging off it: video, texts, markets, tags, renditions, captions, likes, comments.</summary>
    private async Task<string> RowsOfAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        return string.Join(' ',
            await db.Videos.IgnoreQueryFilters().CountAsync(v => v.Id == id, Api.Cancel),
            await db.Set<VideoText>().CountAsync(t => t.VideoId == id, Api.Cancel),
            await db.Set<VideoMarket>().CountAsync(m => m.VideoId == id, Api.Cancel),
            await db.Set<VideoTag>().CountAsync(t => t.VideoId == id, Api.Cancel),
            await db.Set<VideoRendition>().CountAsync(r => r.VideoId == id, Api.Cancel),
            await db.Set<VideoCaption>().CountAsync(c => c.VideoId == id, Api.Cancel),
            await db.VideoLikes.CountAsync(l => l.VideoId == id, Api.Cancel),
            await db.VideoComments.CountAsync(c => c.VideoId == id, Api.Cancel));
    }
}

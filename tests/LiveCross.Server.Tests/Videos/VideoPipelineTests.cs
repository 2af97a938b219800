using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Server.Videos;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Videos;

/// <summary>Upload in chunks, ffprobe checks, the transcode job, serving with ranges, and what a bad file leaves behind (nothing).</summary>
public sealed class VideoPipelineTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task An_uploaded_video_is_transcoded_into_h264_aac_renditions_at_two_sizes_a_poster_and_a_muted_preview()
    {
        var file = await VideosApi.MakeAsync(1280, 720, 2);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);

        var video = await (await seller.UploadAsync(file, "launch.mp4", chunk: file.Length / 3 + 1, title: "Launch day")).ShouldBeJsonAsync(HttpStatusCode.Created);
        video.GetProperty("status").GetString().ShouldBe("processing");
        video.GetProperty("durationSeconds").GetDouble().ShouldBe(2, 0.2);
        var (done, progress) = await seller.WaitForJobAsync(video.Id());

        done.GetProperty("job").GetString().ShouldBe("done", done.ToString());
        done.GetProperty("status").GetString().ShouldBe("ready");
        done.GetProperty("progress").GetInt32().ShouldBe(100);
        progress.ShouldBe(progress.Order().ToList(), "progress only goes up");
        var files = done.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("url").GetString()!);
        files.Keys.Order().ShouldBe(["360p", "720p", "poster", "preview"]);

        foreach (var (name, width, height) in new[] { ("720p", 1280, 720), ("360p", 640, 360) })
        {
            var probe = await VideosApi.ProbeAsync(await seller.GetByteArrayAsync(files[name], Api.Cancel));
            probe.ShouldBe(new VideosApi.Probe("h264", width, height, "aac", probe.Format));
            probe.Format.ShouldContain("mp4");
        }
        var poster = await seller.GetAsync(files["poster"], Api.Cancel);
        poster.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        (await VideosApi.ProbeAsync(await poster.Content.ReadAsByteArrayAsync(Api.Cancel))).Width.ShouldBe(1280);
        var preview = await VideosApi.ProbeAsync(await seller.GetByteArrayAsync(files["preview"], Api.Cancel));
        preview.VideoCodec.ShouldBe("h264");
        preview.AudioCodec.ShouldBeNull();
    }

    [Fact]
    public async Task A_small_video_is_never_upscaled_and_a_silent_one_gets_an_audio_track()
    {
        var file = await VideosApi.MakeAsync(320, 240, 1, audio: false);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var video = await (await seller.UploadAsync(file)).ShouldBeJsonAsync(HttpStatusCode.Created);
        var (done, _) = await seller.WaitForJobAsync(video.Id());

        var renditions = done.GetProperty("files").EnumerateArray().Where(f => f.GetProperty("name").GetString()!.EndsWith('p')).ToList();
        renditions.Count.ShouldBe(1);
        var probe = await VideosApi.ProbeAsync(await seller.GetByteArrayAsync(renditions[0].GetProperty("url").GetString(), Api.Cancel));
        (probe.VideoCodec, probe.Width, probe.Height, probe.AudioCodec).ShouldBe(("h264", 320, 240, "aac"));
    }

    [Fact]
    public async Task A_corrupt_file_is_refused_with_the_reason_and_leaves_nothing_behind()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var before = await CountsAsync();
        // Other tests of this class may leave their own unfinished uploads: only this upload's files must be gone.
        var filesBefore = UploadFiles();
        var garbage = new byte[200_000];
        new Random(5).NextBytes(garbage);

        var problem = await (await seller.UploadAsync(garbage, "holiday.mp4")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "file");

        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("not a video");
        (await CountsAsync()).ShouldBe(before);
        UploadFiles().ShouldBe(filesBefore, ignoreOrder: true);
    }

    private List<string> UploadFiles()
    {
        var folder = Path.Combine(App.DataDirectory, "media-store", "uploads");
        return Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)] : [];
    }

    [Fact]
    public async Task A_video_longer_than_the_limit_is_refused_and_leaves_nothing_behind()
    {
        var file = await VideosApi.MakeAsync(160, 120, 3);
        await using var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, configure: a => a.WithSetting("Videos:MaxDurationSeconds", "2"));
        using var seller = await app.ClientForAsync(DemoAccounts.Seller1);

        var problem = await (await seller.UploadAsync(file)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "file");

        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("at most 2 s");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        (await db.Videos.IgnoreQueryFilters().CountAsync(v => v.Job != TranscodeState.Done, Api.Cancel)).ShouldBe(0);
        (await db.VideoUploads.IgnoreQueryFilters().CountAsync(Api.Cancel)).ShouldBe(0);
    }

    [Fact]
    public async Task An_upload_resumes_from_the_bytes_the_server_reports_and_refuses_a_chunk_out_of_order()
    {
        var file = new byte[10_000];
        new Random(7).NextBytes(file);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var upload = (await seller.StartAsync("big.mp4", file.Length)).Id();
        await (await seller.PutChunkAsync(upload, file, 0, 3_999)).ShouldBeJsonAsync();

        var skipped = await seller.PutChunkAsync(upload, file, 6_000, 9_999);
        await skipped.ShouldBeProblemAsync(HttpStatusCode.Conflict, "Content-Range");
        var status = await seller.GetJsonAsync($"{VideosApi.Seller}/uploads/{upload}");
        status.GetProperty("receivedBytes").GetInt64().ShouldBe(4_000);

        await (await seller.PutChunkAsync(upload, file, 4_000, 9_999)).ShouldBeJsonAsync();
        (await seller.GetJsonAsync($"{VideosApi.Seller}/uploads/{upload}")).GetProperty("receivedBytes").GetInt64().ShouldBe(10_000);
        await App.Services.GetRequiredService<VideoUploads>().ShouldAssembleToAsync(upload, file);
    }

    [Fact]
    public async Task A_rendition_is_served_in_ranges_so_players_can_seek()
    {
        var file = await VideosApi.MakeAsync(320, 240, 1);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var video = await (await seller.UploadAsync(file)).ShouldBeJsonAsync(HttpStatusCode.Created);
        var (done, _) = await seller.WaitForJobAsync(video.Id());
        var url = done.GetProperty("files").EnumerateArray().First(f => f.GetProperty("name").GetString() == "360p").GetProperty("url").GetString()!;
        var whole = await seller.GetByteArrayAsync(url, Api.Cancel);

        var first = await seller.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(0, 99) } }, Api.Cancel);
        first.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        first.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 0-99/{whole.Length}");
        (await first.Content.ReadAsByteArrayAsync(Api.Cancel)).ShouldBe(whole[..100]);

        var tail = await seller.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(null, 10) } }, Api.Cancel);
        tail.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await tail.Content.ReadAsByteArrayAsync(Api.Cancel)).ShouldBe(whole[^10..]);

        var beyond = await seller.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(whole.Length, null) } }, Api.Cancel);
        beyond.StatusCode.ShouldBe(HttpStatusCode.RequestedRangeNotSatisfiable);

        // Not published yet: viewers do not get its files.
        using var anonymous = App.CreateClient();
        (await anonymous.GetAsync(url, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tags_must_lie_within_the_video_and_name_the_sellers_own_products()
    {
        var file = await VideosApi.MakeAsync(160, 120, 2);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var other = await App.ClientForAsync(DemoAccounts.Seller2);
        var video = (await (await seller.UploadAsync(file)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        var mine = (await seller.CreateProductAsync(ProductBuilder.Titled($"Tag lamp {Unique.Word()}").Variant(Unique.Sku(), 20m))).Id();
        var theirs = (await other.CreateProductAsync(ProductBuilder.Titled($"Silk scarf {Unique.Word()}").Variant(Unique.Sku(), 30m))).Id();
        JsonObject Tag(Guid product, double start, double end) => new() { ["productId"] = product.ToString(), ["startSecond"] = start, ["endSecond"] = end };
        Task<HttpResponseMessage> PutTags(params JsonObject[] tags) => seller.SendJsonAsync(HttpMethod.Put, $"{VideosApi.Seller}/{video}/tags", new JsonObject { ["tags"] = new JsonArray(tags) });

        await (await PutTags(Tag(mine, 0.5, 9))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tags[0].endSecond");
        await (await PutTags(Tag(mine, 1.5, 1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tags[0].endSecond");
        await (await PutTags(Tag(mine, -1, 1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tags[0].startSecond");
        await (await PutTags(Tag(mine, 0, 1), Tag(theirs, 0, 1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tags[1].productId");
        (await seller.GetJsonAsync($"{VideosApi.Seller}/{video}")).GetProperty("tags").GetArrayLength().ShouldBe(0);

        var saved = await (await PutTags(Tag(mine, 0.25, 1.5))).ShouldBeJsonAsync();
        var tag = saved.GetProperty("tags").EnumerateArray().Single();
        (tag.GetProperty("productId").GetGuid(), tag.GetProperty("startSecond").GetDouble(), tag.GetProperty("endSecond").GetDouble()).ShouldBe((mine, 0.25, 1.5));
    }

    [Fact]
    public async Task Only_a_ready_video_is_published_and_then_viewers_see_it_with_its_tag_cards_priced_for_their_market()
    {
        var file = await VideosApi.MakeAsync(160, 120, 2);
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var video = (await (await seller.UploadAsync(file, title: "Desk tour")).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        var product = (await seller.CreateProductAsync(ProductBuilder.Titled($"Desk lamp {Unique.Word()}").Variant(Unique.Sku(), 20m))).Id();
        await (await seller.SendJsonAsync(HttpMethod.Put, $"{VideosApi.Seller}/{video}/tags", new JsonObject
        {
            ["tags"] = new JsonArray(new JsonObject { ["productId"] = product.ToString(), ["startSecond"] = 0.5, ["endSecond"] = 1.5 }),
        })).ShouldBeJsonAsync();
        using var anonymous = App.CreateClient();
        (await anonymous.GetAsync($"/api/v1/videos/{video}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await seller.WaitForJobAsync(video);
        await (await seller.PostAsync($"{VideosApi.Seller}/{video}/publish", null, Api.Cancel)).ShouldBeJsonAsync();

        var shown = await anonymous.GetJsonAsync($"/api/v1/videos/{video}?market=DE&locale=de");
        shown.GetProperty("title").GetString().ShouldBe("Desk tour");
        shown.GetProperty("market").GetString().ShouldBe("DE");
        var card = shown.GetProperty("tags").EnumerateArray().Single();
        card.GetProperty("productId").GetGuid().ShouldBe(product);
        card.GetProperty("price").Currency().ShouldBe("EUR");
        card.GetProperty("landed").Currency().ShouldBe("EUR");
        card.GetProperty("landed").Amount().ShouldBeGreaterThan(card.GetProperty("price").Amount());
        card.GetProperty("productUrl").GetString().ShouldBe($"/products/{product}");
        (await anonymous.GetJsonAsync("/api/v1/videos?market=DE")).Ids().ShouldContain(video);

        await (await seller.PostAsync($"{VideosApi.Seller}/{video}/hide", null, Api.Cancel)).ShouldBeJsonAsync();
        (await anonymous.GetAsync($"/api/v1/videos/{video}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetJsonAsync("/api/v1/videos?market=DE")).Ids().ShouldNotContain(video);
    }

    private async Task<string> CountsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var store = Path.Combine(App.DataDirectory, "media-store", "videos");
        var stored = Directory.Exists(store) ? Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Count() : 0;
        return $"{await db.Videos.IgnoreQueryFilters().CountAsync(Api.Cancel)} {await db.VideoUploads.IgnoreQueryFilters().CountAsync(Api.Cancel)} {stored}";
    }
}

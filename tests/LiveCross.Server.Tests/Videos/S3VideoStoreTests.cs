using System.Net;
using System.Net.Http.Headers;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Server.Videos;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Videos;

/// <summary>The S3-compatible store against a real S3 server (s3rver): put, ranged reads, size, delete, and the whole pipeline on it.</summary>
public sealed class S3VideoStoreTests
{
    private static S3VideoStore Store(S3Server server) =>
        S3VideoStore.Create(new S3StoreOptions { ServiceUrl = server.ServiceUrl, Bucket = S3Server.Bucket, AccessKey = S3Server.AccessKey, SecretKey = S3Server.SecretKey });

    [Fact]
    public async Task A_file_round_trips_through_the_s3_store_with_ranged_reads()
    {
        await using var server = await S3Server.StartAsync(Api.Cancel);
        var store = Store(server);
        var bytes = new byte[300_000];
        new Random(3).NextBytes(bytes);
        var key = VideoKeys.Of(Guid.NewGuid(), "720p.mp4");

        (await store.ExistsAsync(key, Api.Cancel)).ShouldBeFalse();
        (await store.OpenReadAsync(key, 0, null, Api.Cancel)).ShouldBeNull();
        await store.PutAsync(key, new MemoryStream(bytes), "video/mp4", Api.Cancel);

        (await store.SizeAsync(key, Api.Cancel)).ShouldBe(bytes.Length);
        await using (var whole = (await store.OpenReadAsync(key, 0, null, Api.Cancel))!)
            (await ReadAllAsync(whole.Content)).ShouldBe(bytes);
        await using (var middle = (await store.OpenReadAsync(key, 1000, 500, Api.Cancel))!)
        {
            (middle.Offset, middle.Length, middle.TotalLength).ShouldBe((1000L, 500L, (long)bytes.Length));
            (await ReadAllAsync(middle.Content)).ShouldBe(bytes[1000..1500]);
        }
        await using (var tail = (await store.OpenReadAsync(key, bytes.Length - 10, 100, Api.Cancel))!)
            (await ReadAllAsync(tail.Content)).ShouldBe(bytes[^10..]);

        await store.DeleteAsync(key, Api.Cancel);
        (await store.ExistsAsync(key, Api.Cancel)).ShouldBeFalse();
    }

    [Fact]
    public async Task With_the_s3_store_a_video_is_transcoded_and_served_in_ranges()
    {
        var file = await VideosApi.MakeAsync(320, 240, 1);
        await using var server = await S3Server.StartAsync(Api.Cancel);
        await using var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, configure: a => a
            .WithSetting("Videos:Storage", "S3").WithSetting("Videos:S3:ServiceUrl", server.ServiceUrl).WithSetting("Videos:S3:Bucket", S3Server.Bucket)
            .WithSetting("Videos:S3:AccessKey", S3Server.AccessKey).WithSetting("Videos:S3:SecretKey", S3Server.SecretKey));
        app.Services.GetRequiredService<IVideoStore>().ShouldBeOfType<S3VideoStore>();
        using var seller = await app.ClientForAsync(DemoAccounts.Seller1);

        var video = await (await seller.UploadAsync(file)).ShouldBeJsonAsync(HttpStatusCode.Created);
        var (done, _) = await seller.WaitForJobAsync(video.Id());

        done.GetProperty("job").GetString().ShouldBe("done", done.ToString());
        var url = done.GetProperty("files").EnumerateArray().First(f => f.GetProperty("name").GetString() == "360p").GetProperty("url").GetString()!;
        var whole = await seller.GetByteArrayAsync(url, Api.Cancel);
        (await VideosApi.ProbeAsync(whole)).VideoCodec.ShouldBe("h264");
        var part = await seller.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(100, 199) } }, Api.Cancel);
        part.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        part.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 100-199/{whole.Length}");
        (await part.Content.ReadAsByteArrayAsync(Api.Cancel)).ShouldBe(whole[100..200]);
        Directory.Exists(Path.Combine(app.DataDirectory, "media-store")).ShouldBeFalse("nothing is written to the local store");
    }

    [Fact]
    public async Task A_missing_bucket_is_created_at_start_and_a_deleted_video_leaves_nothing_in_it()
    {
        var file = await VideosApi.MakeAsync(160, 120, 1);
        await using var server = await S3Server.StartAsync(Api.Cancel);
        var bucket = "fresh-" + Guid.NewGuid().ToString("N")[..12];
        var fresh = S3VideoStore.Create(new S3StoreOptions { ServiceUrl = server.ServiceUrl, Bucket = bucket, AccessKey = S3Server.AccessKey, SecretKey = S3Server.SecretKey });
        await Should.ThrowAsync<Amazon.S3.AmazonS3Exception>(() => fresh.ListAsync("videos/", Api.Cancel));
        await using var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, configure: a => UseS3(a, server, bucket));
        using var seller = await app.ClientForAsync(DemoAccounts.Seller1);

        var id = (await (await seller.UploadAsync(file)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        (await seller.WaitForJobAsync(id)).Video.GetProperty("job").GetString().ShouldBe("done");
        await (await seller.PutAsync($"{VideosApi.Seller}/{id}/captions/en", new StringContent("WEBVTT\n\n00:00.000 --> 00:00.500\nHi\n", System.Text.Encoding.UTF8, "text/vtt"), Api.Cancel))
            .ShouldBeJsonAsync();
        (await fresh.ListAsync(VideoKeys.Folder(id) + "/", Api.Cancel)).Select(f => f.Key[(f.Key.LastIndexOf('/') + 1)..]).Order()
            .ShouldBe(["360p.mp4", "captions-en.vtt", "poster.jpg", "preview.mp4", "source.mp4"]);
        (await fresh.ListAsync(VideoUploads.Root, Api.Cancel)).ShouldBeEmpty("the finished upload's chunks are gone");

        (await seller.DeleteAsync($"{VideosApi.Seller}/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await fresh.ListAsync(VideoKeys.Folder(id) + "/", Api.Cancel)).ShouldBeEmpty();
        (await seller.GetAsync($"{VideosApi.Seller}/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_video_deleted_while_the_store_is_down_is_gone_at_once_and_its_files_follow_when_the_store_is_back()
    {
        var file = await VideosApi.MakeAsync(160, 120, 1);
        await using var server = await S3Server.StartAsync(Api.Cancel);
        var bucket = "down-" + Guid.NewGuid().ToString("N")[..12];
        await using var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, configure: a => UseS3(a, server, bucket).WithSetting("Videos:RunJobs", "false"));
        using var seller = await app.ClientForAsync(DemoAccounts.Seller1);
        var id = (await (await seller.UploadAsync(file)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        var store = app.Services.GetRequiredService<IVideoStore>();
        var folder = VideoKeys.Folder(id) + "/";
        (await store.ListAsync(folder, Api.Cancel)).ShouldNotBeEmpty();

        await server.StopAsync();
        (await seller.DeleteAsync($"{VideosApi.Seller}/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await seller.GetAsync($"{VideosApi.Seller}/{id}", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await server.StartAgainAsync(Api.Cancel);
        (await store.ListAsync(folder, Api.Cancel)).ShouldNotBeEmpty("the store was down: nothing could be deleted yet");
        await app.Services.GetRequiredService<VideoCleanup>().RunOnceAsync(Api.Cancel);

        (await store.ListAsync(folder, Api.Cancel)).ShouldBeEmpty();
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LiveCross.Server.Platform.Database.LiveCrossDbContext>().Videos.IgnoreQueryFilters()
            .CountAsync(v => v.Id == id, Api.Cancel)).ShouldBe(0);
    }

    [Fact]
    public async Task A_bucket_that_cannot_be_created_stops_the_start_with_the_reason()
    {
        await using var server = await S3Server.StartAsync(Api.Cancel);
        // S3 bucket names are lower case: the server refuses this one.
        await using var app = new LiveCrossApp(TestDatabase.Sqlite);
        UseS3(app, server, "Not_A_Valid_Bucket");

        var failure = Should.Throw<VideoStoreException>(() => _ = app.Server);

        failure.Message.ShouldContain("Not_A_Valid_Bucket");
        failure.Message.ShouldContain("Videos:S3:CreateBucket");
    }

    public static LiveCrossApp UseS3(LiveCrossApp app, S3Server server, string bucket) => app
        .WithSetting("Videos:Storage", "S3").WithSetting("Videos:S3:ServiceUrl", server.ServiceUrl).WithSetting("Videos:S3:Bucket", bucket)
        .WithSetting("Videos:S3:AccessKey", S3Server.AccessKey).WithSetting("Videos:S3:SecretKey", S3Server.SecretKey);

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Api.Cancel);
        return copy.ToArray();
    }
}

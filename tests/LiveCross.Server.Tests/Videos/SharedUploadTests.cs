using System.Net;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Server.Videos;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Videos;

/// <summary>Upload chunks live in the shared store: any node takes any chunk, a chunk raced to two nodes counts once, and abandoned uploads are swept.</summary>
public sealed class SharedUploadTests
{
    [Fact]
    public async Task Chunks_sent_to_two_nodes_on_one_postgres_and_one_s3_store_make_one_transcoded_video()
    {
        var file = await VideosApi.MakeAsync(320, 240, 1);
        await using var s3 = await S3Server.StartAsync(Api.Cancel);
        var bucket = "nodes-" + Guid.NewGuid().ToString("N")[..12];
        var connection = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("uploads");
        await using var nodeA = S3VideoStoreTests.UseS3(new LiveCrossApp(TestDatabase.Postgres, connection), s3, bucket);
        // Only node A transcodes, so the video that ends up done was assembled from chunks that both nodes took.
        await using var nodeB = S3VideoStoreTests.UseS3(new LiveCrossApp(TestDatabase.Postgres, connection), s3, bucket).WithSetting("Videos:RunJobs", "false");
        using var sellerOnA = await nodeA.ClientForAsync(DemoAccounts.Seller1);
        using var sellerOnB = nodeB.CreateClient();
        sellerOnB.DefaultRequestHeaders.Authorization = sellerOnA.DefaultRequestHeaders.Authorization;
        var half = file.Length / 2;

        var upload = (await sellerOnA.StartAsync("two-nodes.mp4", file.Length)).Id();
        await (await sellerOnA.PutChunkAsync(upload, file, 0, half - 1)).ShouldBeJsonAsync();
        await (await sellerOnB.PutChunkAsync(upload, file, half, file.Length - 1)).ShouldBeJsonAsync();
        (await sellerOnB.GetJsonAsync($"{VideosApi.Seller}/uploads/{upload}")).GetProperty("receivedBytes").GetInt64().ShouldBe(file.Length);
        var video = await (await sellerOnA.SendJsonAsync(HttpMethod.Post, $"{VideosApi.Seller}/uploads/{upload}/finish", new JsonObject())).ShouldBeJsonAsync(HttpStatusCode.Created);
        var (done, _) = await sellerOnB.WaitForJobAsync(video.Id());

        done.GetProperty("job").GetString().ShouldBe("done", done.ToString());
        var source = await OneFileAsync(nodeA, VideoKeys.Of(video.Id(), "source.mp4"));
        source.ShouldBe(file);
        var rendition = done.GetProperty("files").EnumerateArray().First(f => f.GetProperty("name").GetString() == "360p").GetProperty("url").GetString()!;
        (await VideosApi.ProbeAsync(await sellerOnB.GetByteArrayAsync(rendition, Api.Cancel))).VideoCodec.ShouldBe("h264");
        (await nodeB.Services.GetRequiredService<IVideoStore>().ListAsync(VideoUploads.Folder(upload), Api.Cancel)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_chunk_sent_to_two_nodes_at_once_counts_once()
    {
        var file = new byte[300_000];
        new Random(11).NextBytes(file);
        await using var s3 = await S3Server.StartAsync(Api.Cancel);
        var bucket = "race-" + Guid.NewGuid().ToString("N")[..12];
        var connection = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("uploads");
        await using var nodeA = S3VideoStoreTests.UseS3(new LiveCrossApp(TestDatabase.Postgres, connection), s3, bucket);
        await using var nodeB = S3VideoStoreTests.UseS3(new LiveCrossApp(TestDatabase.Postgres, connection), s3, bucket);
        using var sellerOnA = await nodeA.ClientForAsync(DemoAccounts.Seller1);
        using var sellerOnB = nodeB.CreateClient();
        sellerOnB.DefaultRequestHeaders.Authorization = sellerOnA.DefaultRequestHeaders.Authorization;
        var upload = (await sellerOnA.StartAsync("race.mp4", file.Length)).Id();

        for (var round = 0; round < 3; round++)
        {
            long from = round * 100_000, to = from + 99_999;
            var answers = await Task.WhenAll(sellerOnA.PutChunkAsync(upload, file, from, to), sellerOnB.PutChunkAsync(upload, file, from, to));
            answers.Select(a => a.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        }

        (await sellerOnB.GetJsonAsync($"{VideosApi.Seller}/uploads/{upload}")).GetProperty("receivedBytes").GetInt64().ShouldBe(file.Length);
        var parts = await nodeA.Services.GetRequiredService<IVideoStore>().ListAsync(VideoUploads.Folder(upload), Api.Cancel);
        parts.Count.ShouldBe(3, "the request that lost each race removed its chunk");
        await nodeB.Services.GetRequiredService<VideoUploads>().ShouldAssembleToAsync(upload, file);
    }

    [Fact]
    public async Task An_upload_left_unfinished_past_its_age_is_removed_with_its_chunks()
    {
        var file = new byte[50_000];
        new Random(13).NextBytes(file);
        await using var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, configure: a => a.WithSetting("Videos:AbandonedUploadAge", "1.00:00:00"));
        using var seller = await app.ClientForAsync(DemoAccounts.Seller1);
        var old = (await seller.StartAsync("old.mp4", file.Length)).Id();
        await (await seller.PutChunkAsync(old, file, 0, 9_999)).ShouldBeJsonAsync();
        var recent = (await seller.StartAsync("recent.mp4", file.Length)).Id();
        await (await seller.PutChunkAsync(recent, file, 0, 9_999)).ShouldBeJsonAsync();
        var store = app.Services.GetRequiredService<IVideoStore>();
        // The old one was started 25 hours ago, the recent one 23 (sign-in tokens do not last a day, so the rows are dated back instead of the clock moved on).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            foreach (var (id, hours) in new[] { (old, 25), (recent, 23) })
            {
                var startedAt = app.Clock.GetUtcNow().AddHours(-hours);
                await db.VideoUploads.IgnoreQueryFilters().Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, startedAt), Api.Cancel);
            }
        }

        await app.Services.GetRequiredService<VideoCleanup>().RunOnceAsync(Api.Cancel);

        await (await seller.GetAsync($"{VideosApi.Seller}/uploads/{old}", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await store.ListAsync(VideoUploads.Folder(old), Api.Cancel)).ShouldBeEmpty();
        (await seller.GetJsonAsync($"{VideosApi.Seller}/uploads/{recent}")).GetProperty("receivedBytes").GetInt64().ShouldBe(10_000);
        (await store.ListAsync(VideoUploads.Folder(recent), Api.Cancel)).Count.ShouldBe(1);
    }

    private static async Task<byte[]> OneFileAsync(LiveCrossApp app, string key)
    {
        await using var read = (await app.Services.GetRequiredService<IVideoStore>().OpenReadAsync(key, 0, null, Api.Cancel))!;
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy, Api.Cancel);
        return copy.ToArray();
    }
}

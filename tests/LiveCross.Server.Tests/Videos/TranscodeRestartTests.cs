using System.Net;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Server.Videos;
using LiveCross.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Videos;

/// <summary>The transcode job is durable: a job left running by a node that stopped is taken up again after its lease runs out.</summary>
public sealed class TranscodeRestartTests
{
    [Fact]
    public async Task A_job_interrupted_by_a_restart_completes_after_the_server_starts_again()
    {
        var file = await VideosApi.MakeAsync(320, 240, 1);
        var data = LiveCrossApp.NewDataDirectory();
        try
        {
            Guid id;
            await using (var first = new LiveCrossApp(TestDatabase.Sqlite, dataDirectory: data).WithSetting("Videos:RunJobs", "false"))
            {
                using var seller = await first.ClientForAsync(DemoAccounts.Seller1);
                id = (await (await seller.UploadAsync(file)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
                // The node took the job and was stopped part-way: the row says running, 40 %, with a lease still good for a minute.
                await using var scope = first.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
                var lease = first.Clock.GetUtcNow().AddMinutes(1);
                await db.Videos.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Job, TranscodeState.Running)
                    .SetProperty(v => v.Progress, 40).SetProperty(v => v.LeaseUntil, lease), Api.Cancel);
            }

            await using var second = new LiveCrossApp(TestDatabase.Sqlite, dataDirectory: data).WithSetting("Videos:SweepInterval", "00:00:00.200");
            using var again = await second.ClientForAsync(DemoAccounts.Seller1);
            var waiting = await again.GetJsonAsync($"{VideosApi.Seller}/{id}");
            (waiting.GetProperty("job").GetString(), waiting.GetProperty("progress").GetInt32()).ShouldBe(("running", 40));

            second.Clock.Advance(TimeSpan.FromMinutes(2));
            var (done, _) = await again.WaitForJobAsync(id);

            done.GetProperty("job").GetString().ShouldBe("done", done.ToString());
            done.GetProperty("status").GetString().ShouldBe("ready");
            done.GetProperty("attempts").GetInt32().ShouldBe(2, "the interrupted run counts as an attempt");
            var rendition = done.GetProperty("files").EnumerateArray().First(f => f.GetProperty("name").GetString() == "360p");
            var probe = await VideosApi.ProbeAsync(await again.GetByteArrayAsync(rendition.GetProperty("url").GetString(), Api.Cancel));
            (probe.VideoCodec, probe.AudioCodec).ShouldBe(("h264", "aac"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_video_that_keeps_failing_is_failed_with_the_reason_after_its_attempts()
    {
        var file = await VideosApi.MakeAsync(320, 240, 1);
        await using var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, configure: a => a.WithSetting("Videos:RunJobs", "false").WithSetting("Videos:MaxAttempts", "2"));
        using var seller = await app.ClientForAsync(DemoAccounts.Seller1);
        var id = (await (await seller.UploadAsync(file)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        var store = app.Services.GetRequiredService<IVideoStore>();
        var job = app.Services.GetRequiredService<TranscodeJob>();
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
            key = await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().Videos.IgnoreQueryFilters().Where(v => v.Id == id).Select(v => v.SourceKey).SingleAsync(Api.Cancel);
        await store.DeleteAsync(key, Api.Cancel);

        await job.RunAsync(id, Api.Cancel);
        var retried = await seller.GetJsonAsync($"{VideosApi.Seller}/{id}");
        (retried.GetProperty("job").GetString(), retried.GetProperty("status").GetString()).ShouldBe(("pending", "processing"));
        retried.GetProperty("lastError").GetString()!.ShouldContain("missing");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await job.RunAsync(id, Api.Cancel);
        var failed = await seller.GetJsonAsync($"{VideosApi.Seller}/{id}");
        (failed.GetProperty("job").GetString(), failed.GetProperty("status").GetString(), failed.GetProperty("attempts").GetInt32()).ShouldBe(("failed", "failed", 2));
        (await seller.PostAsync($"{VideosApi.Seller}/{id}/publish", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}

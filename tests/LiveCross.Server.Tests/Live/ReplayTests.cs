using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiveCross.Server.Live.Replays;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveCross.Server.Tests.Live;

/// <summary>What both replay paths need: a host's hub connection that pins, and reading the replay back.</summary>
internal static class ReplayTesting
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<(Guid Session, Guid First, Guid Second)> SessionWithTwoProductsAsync(HttpClient seller, string title)
    {
        var first = await seller.CreateProductAsync(ProductBuilder.Titled($"Replay Lamp {Unique.Word()}").Variant(Unique.Sku(), 30.00m));
        var second = await seller.CreateProductAsync(ProductBuilder.Titled($"Replay Fan {Unique.Word()}").Variant(Unique.Sku(), 40.00m));
        var session = await seller.CreateSessionAsync(LiveApi.Session(title, first.Id(), second.Id()));
        return (session.Id(), first.Id(), second.Id());
    }

    /// <summary>Pins a product and returns the app's clock just before and just after: the pin's time lies between.</summary>
    public static async Task<(DateTimeOffset Before, DateTimeOffset After)> PinAsync(HubConnection host, TimeProvider clock, Guid session, Guid product)
    {
        var before = clock.GetUtcNow();
        (await host.InvokeAsync<ModerationResult>("PinProduct", session, product, Api.Cancel)).ShouldBe(ModerationResult.Done);
        return (before, clock.GetUtcNow());
    }

    public static async Task<JsonElement> ReplayWhenReadyAsync(HttpClient viewer, Guid session, string query = "")
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var response = await viewer.GetAsync($"{LiveApi.PublicSessions}/{session}/replay{query}", Api.Cancel);
            if (response.StatusCode == HttpStatusCode.OK) return await response.ShouldBeJsonAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync(Api.Cancel));
            await Task.Delay(250, Api.Cancel);
        }
        throw new TimeoutException($"Session {session} did not become a replay within {Patience.TotalSeconds} s.");
    }

    /// <summary>The pin's offset lies between the clock readings around it, measured from the recording's start (and none past the video's end).</summary>
    public static void ShouldBeOffsetOf(this JsonElement entry, (DateTimeOffset Before, DateTimeOffset After) pin, DateTimeOffset start, double duration)
    {
        var offset = entry.GetProperty("offsetSeconds").GetDouble();
        offset.ShouldBeGreaterThanOrEqualTo(Math.Min(Math.Round((pin.Before - start).TotalSeconds, 3), duration) - 0.001);
        offset.ShouldBeLessThanOrEqualTo(Math.Min(Math.Round((pin.After - start).TotalSeconds, 3), duration) + 0.001);
    }

    public static async Task<double> ProbeSecondsAsync(string file)
    {
        var start = new ProcessStartInfo(ExternalProgram.Require(ExternalProgram.Find("/usr/bin/ffprobe"), "ffprobe")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", file }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Api.Cancel);
        await process.WaitForExitAsync(Api.Cancel);
        process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync(Api.Cancel));
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The recorded path: ffmpeg publishes a test pattern to a private nginx-rtmp, the host pins two products over the hub
/// while it runs, the publish ends, and the replay job turns nginx's recording into an MP4.
/// </summary>
public sealed class RecordedReplayTests(LiveIngestFixture fixture) : IClassFixture<LiveIngestFixture>
{
    [Fact]
    public async Task A_broadcast_recorded_by_nginx_becomes_an_MP4_replay_with_each_pin_at_its_offset_from_the_recording_start()
    {
        var nginx = fixture.Nginx;
        var app = fixture.App;
        using var seller = await app.ClientForAsync(DemoAccounts.Seller1);
        using var viewer = app.CreateClient();
        var (id, first, second) = await ReplayTesting.SessionWithTwoProductsAsync(seller, $"Recorded show {Unique.Word()}");
        var created = await seller.GetJsonAsync($"{LiveApi.SellerSessions}/{id}");
        var key = (await (await seller.PostAsync($"{LiveApi.SellerSessions}/{id}/stream-key", null, Api.Cancel)).ShouldBeJsonAsync()).GetProperty("streamKey").GetString()!;
        created.Status().ShouldBe("scheduled");

        var broadcast = nginx.PushTestPatternAsync(key, 6, Api.Cancel);
        await EventuallyAsync(async () => (await viewer.GetJsonAsync($"{LiveApi.PublicSessions}/{id}")).Status() == "live", "the session went live", nginx);
        await using var host = await ConnectAsync(app, seller);
        await host.InvokeAsync<RoomSnapshot>("JoinRoom", id, null, "DE", Api.Cancel);
        await Task.Delay(1000, Api.Cancel);
        var firstPin = await ReplayTesting.PinAsync(host, app.Clock, id, first);
        await Task.Delay(1500, Api.Cancel);
        var secondPin = await ReplayTesting.PinAsync(host, app.Clock, id, second);
        var push = await broadcast;
        push.ExitCode.ShouldBe(0, push.Errors);

        var replay = await ReplayTesting.ReplayWhenReadyAsync(viewer, id, "?market=GB&locale=de");
        var session = await seller.GetJsonAsync($"{LiveApi.SellerSessions}/{id}");
        session.Status().ShouldBe("replay");
        session.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("to").GetString(), h.GetProperty("actor").GetString()))
            .ShouldBe([("live", "media-server"), ("ended", "media-server"), ("replay", ReplayJob.Actor)]);
        var started = session.GetProperty("startedAt").GetDateTimeOffset();

        replay.GetProperty("source").GetString().ShouldBe("recording");
        replay.GetProperty("videoUrl").GetString().ShouldBe(ReplayJob.VideoUrl(id));
        var file = Path.Combine(app.DataDirectory, "media", "replays", LivePlayback.StreamName(id) + ".mp4");
        var probed = await ReplayTesting.ProbeSecondsAsync(file);
        replay.GetProperty("durationSeconds").GetDouble().ShouldBe(probed, 0.01);
        probed.ShouldBeInRange(3.0, 8.0, "a 6-second push");
        var bytes = await File.ReadAllBytesAsync(file, Api.Cancel);
        IndexOf(bytes, "moov").ShouldBeLessThan(IndexOf(bytes, "mdat"), "faststart puts the index before the media");

        var timeline = replay.GetProperty("timeline").EnumerateArray().ToList();
        timeline.Select(e => e.GetProperty("productId").GetGuid()).ShouldBe([first, second]);
        timeline[0].ShouldBeOffsetOf(firstPin, started, probed);
        timeline[1].ShouldBeOffsetOf(secondPin, started, probed);
        timeline[0].GetProperty("untilSeconds").GetDouble().ShouldBe(timeline[1].GetProperty("offsetSeconds").GetDouble());
        timeline[1].GetProperty("offsetSeconds").GetDouble().ShouldBeLessThan(probed);
        timeline[0].GetProperty("price").Currency().ShouldBe("GBP");
        replay.GetProperty("title").GetString()!.ShouldEndWith("(DE)");

        // Served with range requests, so a player can seek without loading the whole file.
        using var range = new HttpRequestMessage(HttpMethod.Get, replay.GetProperty("videoUrl").GetString());
        range.Headers.Range = new RangeHeaderValue(0, 99);
        using var partial = await viewer.SendAsync(range, Api.Cancel);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync(Api.Cancel)).Length.ShouldBe(100);
        partial.Content.Headers.ContentType!.MediaType.ShouldBe("video/mp4");
    }

    private static int IndexOf(byte[] bytes, string box)
    {
        var pattern = Encoding.ASCII.GetBytes(box);
        var at = bytes.AsSpan().IndexOf(pattern);
        at.ShouldBeGreaterThan(0, $"no {box} box");
        return at;
    }

    /// <summary>The host's hub connection over real HTTP to the Kestrel server, signed in with the seller's bearer token.</summary>
    private static async Task<HubConnection> ConnectAsync(LiveCrossApp app, HttpClient signedIn)
    {
        var token = signedIn.DefaultRequestHeaders.Authorization!.Parameter;
        var hub = new HubConnectionBuilder().WithUrl(new Uri(app.ClientOptions.BaseAddress, RoomHub.Path), o => o.AccessTokenProvider = () => Task.FromResult(token)).Build();
        await hub.StartAsync(Api.Cancel);
        return hub;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, NginxRtmpServer nginx)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(200, Api.Cancel);
        }
        throw new TimeoutException($"Not within 20 s: {what}.\n{nginx.ErrorLog}");
    }
}

/// <summary>The embedded default (no media server), the demo replay, the page, and a replay that cannot be made.</summary>
public abstract class ReplayTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task A_session_live_by_hand_gets_the_demo_video_as_its_replay_with_pins_measured_from_going_live()
    {
        ExternalProgram.Require(ExternalProgram.Find("/usr/bin/ffmpeg"), "ffmpeg");
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var viewer = App.CreateClient();
        var (id, first, second) = await ReplayTesting.SessionWithTwoProductsAsync(seller, $"Demo video show {Unique.Word()}");
        (await seller.MoveAsync(id, "go-live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var host = await RoomClient.ConnectAsync(App, seller.DefaultRequestHeaders.Authorization!.Parameter);
        await host.JoinAsync(id);
        var firstPin = await ReplayTesting.PinAsync(host.Hub, App.Clock, id, first);
        await Task.Delay(1200, Api.Cancel);
        var secondPin = await ReplayTesting.PinAsync(host.Hub, App.Clock, id, second);
        (await seller.MoveAsync(id, "end")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var replay = await ReplayTesting.ReplayWhenReadyAsync(viewer, id, "?market=DE");
        var session = await seller.GetJsonAsync($"{LiveApi.SellerSessions}/{id}");
        session.Status().ShouldBe("replay");
        replay.GetProperty("source").GetString().ShouldBe("demovideo");
        replay.GetProperty("videoUrl").GetString().ShouldBe(LivePlayback.DemoVideoUrl);
        var demo = App.Services.GetRequiredService<LivePlayback>().DemoVideoPath;
        replay.GetProperty("durationSeconds").GetDouble().ShouldBe(await ReplayTesting.ProbeSecondsAsync(demo), 0.01);
        var timeline = replay.GetProperty("timeline").EnumerateArray().ToList();
        timeline.Select(e => e.GetProperty("productId").GetGuid()).ShouldBe([first, second]);
        var started = session.GetProperty("startedAt").GetDateTimeOffset();
        // The demo video is 6 seconds long: a pin later than that (a slow machine) sits at its end.
        var duration = replay.GetProperty("durationSeconds").GetDouble();
        timeline[0].ShouldBeOffsetOf(firstPin, started, duration);
        timeline[1].ShouldBeOffsetOf(secondPin, started, duration);
        timeline[0].GetProperty("price").Currency().ShouldBe("EUR");
        timeline[1].GetProperty("title").GetString()!.ShouldStartWith("Replay Fan");
    }

    [Fact]
    public async Task The_demo_replay_is_listed_and_its_page_shows_the_video_and_the_timeline()
    {
        ExternalProgram.Require(ExternalProgram.Find("/usr/bin/ffmpeg"), "ffmpeg");
        using var viewer = App.CreateClient();
        var listing = await viewer.GetJsonAsync($"{LiveApi.PublicSessions}/replays?market=US&locale=zh-Hans");
        var demo = listing.Items().Single(i => i.GetProperty("title").GetString() == "回放：VoltWave 充电器大比拼");
        demo.GetProperty("products").GetInt32().ShouldBe(3);
        var id = demo.GetProperty("sessionId").GetGuid();
        demo.GetProperty("pageUrl").GetString().ShouldBe($"/live/{id}/replay");

        var replay = await viewer.GetJsonAsync($"{LiveApi.PublicSessions}/{id}/replay?market=US");
        replay.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("offsetSeconds").GetDouble()).ShouldBe([0.5, 2.5, 4.5]);

        var page = await viewer.GetAsync($"/live/{id}/replay", Api.Cancel);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(Api.Cancel);
        html.ShouldContain($"src=\"{LivePlayback.DemoVideoUrl}\"");
        html.Split("data-testid=\"timeline-product\"").Length.ShouldBe(4);
        html.ShouldContain("data-offset=\"2.5\"");
        html.ShouldContain("live/replay.js");

        (await viewer.GetAsync($"/live/{Guid.NewGuid()}/replay", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<ReplayStatus> StatusOfAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().LiveReplays.Where(r => r.SessionId == id).Select(r => r.Status).SingleAsync(Api.Cancel);
    }

    [Fact]
    public async Task A_recording_ffmpeg_cannot_read_is_retried_then_marked_failed_and_the_session_stays_ended()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var viewer = App.CreateClient();
        var (id, _, _) = await ReplayTesting.SessionWithTwoProductsAsync(seller, $"Broken recording {Unique.Word()}");
        (await seller.MoveAsync(id, "go-live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var broken = Path.Combine(App.DataDirectory, "broken", ReplayRecordings.FileName(id));
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        await File.WriteAllTextAsync(broken, "not a video", Api.Cancel);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            // As the media server's publish and on_record_done would have left it.
            await ReplayRecordings.StartedAsync(db, id, App.Clock.GetUtcNow(), Api.Cancel);
            await db.SaveChangesAsync(Api.Cancel);
            (await ReplayRecordings.DoneAsync(db, LivePlayback.StreamName(id), broken, App.Clock.GetUtcNow(), Api.Cancel)).ShouldBeTrue();
        }
        (await seller.MoveAsync(id, "end")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var job = App.Services.GetServices<IHostedService>().OfType<ReplayJob>().Single();
        var maxAttempts = new ReplayOptions().MaxAttempts;
        // Each call is one attempt (the background sweep may make one of them at the same moment; only one save wins).
        for (var i = 0; i < maxAttempts * 3 && await StatusOfAsync(id) != ReplayStatus.Failed; i++) await job.MakeAsync(id, Api.Cancel);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var replay = await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().LiveReplays.AsNoTracking().SingleAsync(r => r.SessionId == id, Api.Cancel);
            replay.Status.ShouldBe(ReplayStatus.Failed);
            replay.Attempts.ShouldBe(maxAttempts);
            replay.LastError!.ShouldContain("ffmpeg");
        }
        (await seller.GetJsonAsync($"{LiveApi.SellerSessions}/{id}")).Status().ShouldBe("ended");
        await (await viewer.GetAsync($"{LiveApi.PublicSessions}/{id}/replay", Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class ReplayTestsOnSqlite(SqliteAppFixture fixture) : ReplayTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class ReplayTestsOnPostgres(PostgresAppFixture fixture) : ReplayTests(fixture), IClassFixture<PostgresAppFixture>;

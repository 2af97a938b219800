using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LiveCross.Domain.Live;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Live;

/// <summary>LiveCross on Kestrel (so nginx can call it back) next to a private nginx-rtmp; SQLite.</summary>
public sealed class LiveIngestFixture : IAsyncLifetime
{
    private LiveCrossApp? _app;
    private NginxRtmpServer? _nginx;

    public LiveCrossApp App => _app ?? throw new InvalidOperationException("The app did not start.");

    /// <summary>The media server; skips the calling test (fails under CI) when nginx, its RTMP module or ffmpeg is missing.</summary>
    public NginxRtmpServer Nginx
    {
        get
        {
            if (_nginx is null) NginxRtmpServer.Require();
            return _nginx ?? throw new InvalidOperationException("nginx did not start.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!NginxRtmpServer.IsInstalled && !ExternalProgram.IsCi) return;
        var nginx = NginxRtmpServer.Reserve();
        var app = new LiveCrossApp(TestDatabase.Sqlite)
            .WithSetting("Live:IngestUrl", nginx.IngestUrl)
            .WithSetting("Live:HlsBaseUrl", nginx.HlsBaseUrl);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        _app = app;
        var secret = await app.Services.GetRequiredService<LiveSecrets>().MediaServerCallbackSecretAsync(CancellationToken.None);
        _nginx = nginx;
        await nginx.StartAsync(app.ClientOptions.BaseAddress, secret, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is not null) await _nginx.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
    }
}

public sealed class LiveIngestTests(LiveIngestFixture fixture) : IClassFixture<LiveIngestFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Ffmpeg_publishing_with_the_session_key_takes_it_live_with_HLS_and_ends_it_while_other_keys_are_refused()
    {
        var nginx = fixture.Nginx;
        using var seller = await fixture.App.ClientForAsync(DemoAccounts.Seller1);
        using var viewer = fixture.App.CreateClient();
        var session = await seller.CreateSessionAsync(LiveApi.Session($"Test pattern {Unique.Word()}"));
        var id = session.Id();
        var key = session.GetProperty("streamKey").GetString()!;
        session.GetProperty("ingestUrl").GetString().ShouldBe(nginx.IngestUrl);
        var playlist = Path.Combine(nginx.HlsFolder, LivePlayback.StreamName(id) + ".m3u8");

        var wrongKey = await nginx.PushTestPatternAsync(StreamKeys.New(), 2, Api.Cancel);
        wrongKey.ExitCode.ShouldNotBe(0, $"a made-up key was accepted\n{wrongKey.Errors}\n{nginx.ErrorLog}");
        (await StatusAsync(viewer, id)).ShouldBe("scheduled");

        var broadcast = nginx.PushTestPatternAsync(key, 4, Api.Cancel);
        await EventuallyAsync(async () => await StatusAsync(viewer, id) == "live", "the session went live", nginx);
        await EventuallyAsync(() => Task.FromResult(File.Exists(playlist)), $"nginx wrote {playlist}", nginx);
        var playback = (await viewer.GetJsonAsync($"{LiveApi.PublicSessions}/{id}")).GetProperty("playback");
        playback.GetProperty("kind").GetString().ShouldBe("hls");
        playback.GetProperty("url").GetString().ShouldBe($"{nginx.HlsBaseUrl}/{LivePlayback.StreamName(id)}.m3u8");
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
            (await http.GetStringAsync(playback.GetProperty("url").GetString(), Api.Cancel)).ShouldStartWith("#EXTM3U");
        var secondPublisher = await nginx.PushTestPatternAsync(key, 1, Api.Cancel);
        secondPublisher.ExitCode.ShouldNotBe(0, $"a second publish with the same key was accepted while live\n{secondPublisher.Errors}");

        var first = await broadcast;
        first.ExitCode.ShouldBe(0, first.Errors);
        await EventuallyAsync(async () => await StatusAsync(viewer, id) is "ended" or "replay", "the session ended after the push", nginx);
        var afterEnd = await nginx.PushTestPatternAsync(key, 1, Api.Cancel);
        afterEnd.ExitCode.ShouldNotBe(0, "the key of an ended session was accepted");
        var final = await seller.GetJsonAsync($"{LiveApi.SellerSessions}/{id}");
        // The replay job may already have made the ended session a replay (RecordedReplayTests cover that step).
        final.Status().ShouldBeOneOf("ended", "replay");
        final.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("to").GetString(), h.GetProperty("actor").GetString()))
            .Where(h => h.Item2 == "media-server")
            .ShouldBe([("live", "media-server"), ("ended", "media-server")]);
    }

    [Fact]
    public async Task The_host_ending_the_session_cuts_the_encoder_off_at_the_media_server()
    {
        var nginx = fixture.Nginx;
        using var seller = await fixture.App.ClientForAsync(DemoAccounts.Seller1);
        using var viewer = fixture.App.CreateClient();
        var session = await seller.CreateSessionAsync(LiveApi.Session($"Cut off {Unique.Word()}"));
        var id = session.Id();
        const int pushSeconds = 120;
        var broadcast = nginx.PushTestPatternAsync(session.GetProperty("streamKey").GetString()!, pushSeconds, Api.Cancel);
        await EventuallyAsync(async () => await StatusAsync(viewer, id) == "live", "the session went live", nginx);

        (await seller.MoveAsync(id, "end")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // nginx asks every 5 s whether the stream may go on; the push would otherwise run its full two minutes.
        var cut = await Task.WhenAny(broadcast, Task.Delay(TimeSpan.FromSeconds(pushSeconds / 2), Api.Cancel));
        cut.ShouldBe(broadcast, $"the encoder was still publishing {pushSeconds / 2} s after the host ended the session\n{nginx.ErrorLog}");
        (await broadcast).ExitCode.ShouldNotBe(0, "ffmpeg ends with an error when the server drops it");
        (await StatusAsync(viewer, id)).ShouldBeOneOf("ended", "replay");
    }

    private static async Task<string> StatusAsync(HttpClient viewer, Guid id) =>
        (await viewer.GetJsonAsync($"{LiveApi.PublicSessions}/{id}")).Status();

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, NginxRtmpServer nginx)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(200, Api.Cancel);
        }
        throw new TimeoutException($"Not within {Patience.TotalSeconds} s: {what}.\n{nginx.ErrorLog}");
    }
}

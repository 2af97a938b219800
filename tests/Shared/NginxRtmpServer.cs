using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveCross.Server.Live.Sessions;

namespace LiveCross.Testing;

/// <summary>
/// A private nginx with the RTMP module for a test: its config rendered by LiveCross into a temporary folder,
/// random loopback ports, run in the foreground as a child process and killed afterwards. Choose the ports
/// first (<see cref="Reserve"/>) so the app can be told where HLS will be served, then start it.
/// </summary>
public sealed class NginxRtmpServer : IAsyncDisposable
{
    private Process? _process;

    private NginxRtmpServer(string root, int rtmpPort, int httpPort)
    {
        Root = root;
        RtmpPort = rtmpPort;
        HttpPort = httpPort;
    }

    public static string? NginxPath => ExternalProgram.Find("/usr/sbin/nginx");

    public static string? RtmpModulePath => ExternalProgram.Find("/usr/lib/nginx/modules/ngx_rtmp_module.so");

    public static string? FfmpegPath => ExternalProgram.Find("/usr/bin/ffmpeg");

    /// <summary>True when nginx, its RTMP module and ffmpeg are all installed.</summary>
    public static bool IsInstalled => NginxPath is not null && RtmpModulePath is not null && FfmpegPath is not null;

    /// <summary>Skips (fails under CI) the calling test when a program the ingest needs is missing.</summary>
    public static void Require()
    {
        ExternalProgram.Require(NginxPath, "nginx");
        ExternalProgram.Require(RtmpModulePath, "nginx's RTMP module (libnginx-mod-rtmp)");
        ExternalProgram.Require(FfmpegPath, "ffmpeg");
    }

    public string Root { get; }

    public int RtmpPort { get; }

    public int HttpPort { get; }

    public string HlsFolder => Path.Combine(Root, "hls");

    public string IngestUrl => $"rtmp://127.0.0.1:{RtmpPort}/live";

    public string HlsBaseUrl => $"http://127.0.0.1:{HttpPort}/hls";

    public string ErrorLog => File.Exists(Path.Combine(Root, "logs", "error.log")) ? File.ReadAllText(Path.Combine(Root, "logs", "error.log")) : "(no error log)";

    /// <summary>
    /// ffmpeg publishes a test pattern with a tone to <paramref name="key"/> for <paramref name="seconds"/> in real time
    /// (H.264 4:2:0, a key frame every second so nginx can cut 2-second HLS fragments); killed if it takes twice as long
    /// plus 20 s.
    /// </summary>
    public async Task<FfmpegPush> PushTestPatternAsync(string key, int seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(FfmpegPath!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-f", "lavfi", "-i", "sine",
            "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-g", "15",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv", $"{IngestUrl}/{key}",
        })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds * 2 + 20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ffmpeg did not finish a {seconds}-second push.\n{ErrorLog}");
        }
        return new FfmpegPush(process.ExitCode, await errors);
    }

    public static NginxRtmpServer Reserve() =>
        new(Path.Combine(Path.GetTempPath(), "livecross-nginx-" + Guid.NewGuid().ToString("N")[..12]), FreePort(), FreePort());

    /// <summary>Renders the config with LiveCross's callbacks at <paramref name="callbackBase"/> and starts nginx; returns once RTMP accepts connections.</summary>
    public async Task StartAsync(Uri callbackBase, string callbackSecret, CancellationToken cancellationToken)
    {
        // As root nginx would hand its workers to 'nobody', who cannot write the temporary folder.
        var settings = new MediaServerSettings(Root, RtmpPort, HttpPort, callbackBase, User: Environment.UserName == "root" ? "root" : null);
        MediaServerConfig.CreateFolders(settings);
        var config = Path.Combine(Root, "nginx.conf");
        await File.WriteAllTextAsync(config, MediaServerConfig.Render(settings, callbackSecret), cancellationToken);
        var start = new ProcessStartInfo(NginxPath!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", config, "-p", Root + "/", "-e", Path.Combine(Root, "logs", "error.log"), "-g", "daemon off;" }) start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync(cancellationToken)}\n{ErrorLog}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, RtmpPort, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        throw new TimeoutException($"nginx did not accept RTMP connections within 15 s.\n{ErrorLog}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(timeout.Token); } catch (OperationCanceledException) { }
        }
        _process?.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>How an ffmpeg push ended: its exit code and what it wrote to standard error.</summary>
public sealed record FfmpegPush(int ExitCode, string Errors);

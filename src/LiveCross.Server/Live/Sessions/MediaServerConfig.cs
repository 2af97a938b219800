using System.Globalization;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.Sessions;

/// <summary>
/// What a private nginx-rtmp needs to know: its data folder (config, logs, HLS), the RTMP port encoders publish
/// to, the HTTP port it serves HLS on, and where LiveCross answers its callbacks.
/// </summary>
/// <param name="User">The account nginx's worker runs as; needed only when nginx is started by root (else workers run as nobody and cannot write the data folder).</param>
public sealed record MediaServerSettings(string DataFolder, int RtmpPort, int HttpPort, Uri CallbackBaseUrl, string ListenAddress = "127.0.0.1", string? User = null)
{
    /// <summary>Debian's libnginx-mod-rtmp.</summary>
    public string ModulePath { get; init; } = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

    public string HlsFolder => System.IO.Path.Combine(DataFolder, "hls");

    /// <summary>Where each session's stream is recorded ({session id}.flv) for its replay.</summary>
    public string RecordingsFolder => System.IO.Path.Combine(DataFolder, "recordings");
}

/// <summary>Renders nginx.conf for nginx with the RTMP module (Debian <c>nginx</c> + <c>libnginx-mod-rtmp</c>).</summary>
public static class MediaServerConfig
{
    /// <summary>Folders nginx writes to; create them before starting it.</summary>
    public static IEnumerable<string> Folders(MediaServerSettings s) =>
        [s.DataFolder, s.HlsFolder, s.RecordingsFolder, System.IO.Path.Combine(s.DataFolder, "logs"), System.IO.Path.Combine(s.DataFolder, "temp")];

    public static void CreateFolders(MediaServerSettings settings)
    {
        foreach (var folder in Folders(settings)) Directory.CreateDirectory(folder);
    }

    /// <summary>Checks each value that goes into the file, so that nothing can end a directive early and add one of its own.</summary>
    public static ValidationErrors Validate(MediaServerSettings s)
    {
        var errors = new ValidationErrors();
        errors.Require(IsSafePath(s.DataFolder) && System.IO.Path.IsPathRooted(s.DataFolder), "dataFolder", "An absolute path of letters, digits, '/', '.', '_' and '-' is required.");
        errors.Require(s.RtmpPort is >= 1 and <= 65535, "rtmpPort", "A port between 1 and 65535 is required.");
        errors.Require(s.HttpPort is >= 1 and <= 65535, "httpPort", "A port between 1 and 65535 is required.");
        if (s.RtmpPort == s.HttpPort) errors.Add("httpPort", "The HTTP port must differ from the RTMP port.");
        errors.Require(s.CallbackBaseUrl.IsAbsoluteUri && s.CallbackBaseUrl.Scheme is "http" or "https" && s.CallbackBaseUrl.Query.Length == 0
            && s.CallbackBaseUrl.OriginalString.All(c => c > ' ' && c is not (';' or '{' or '}' or '"' or '\'' or '#')), "callbackBaseUrl", "An http(s) URL without a query is required.");
        errors.Require(System.Net.IPAddress.TryParse(s.ListenAddress, out _), "listenAddress", "An IP address is required, e.g. 127.0.0.1.");
        errors.Require(s.User is null || s.User.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'), "user", "A user name of letters, digits, '_' or '-'.");
        return errors;
    }

    public static string Render(MediaServerSettings s, string callbackSecret)
    {
        var errors = Validate(s);
        if (errors.Any) throw ProblemException.Invalid(errors);
        if (!callbackSecret.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) throw new ArgumentException("The callback secret must be letters, digits and '_'.", nameof(callbackSecret));
        var data = s.DataFolder.TrimEnd('/');
        var callback = s.CallbackBaseUrl.ToString().TrimEnd('/');
        var inv = CultureInfo.InvariantCulture;
        var relayHost = RelayHost(s);
        var relay = $"rtmp://{relayHost}:{s.RtmpPort.ToString(inv)}/hls";
        return string.Create(inv, $$"""
            # Rendered by LiveCross for {{data}}: render it again rather than edit it.
            # It holds the media-server callback secret; keep it as private as the database.
            load_module {{s.ModulePath}};
            {{(s.User is null ? "" : $"user {s.User};")}}
            # One worker: nginx-rtmp keeps a stream's state in the worker that received it.
            worker_processes 1;
            pid {{data}}/nginx.pid;
            error_log {{data}}/logs/error.log info;

            events {
                worker_connections 256;
            }

            rtmp {
                server {
                    listen {{s.ListenAddress}}:{{s.RtmpPort}};
                    chunk_size 4096;

                    # Encoders publish here with their secret key as the stream name. LiveCross checks the key and
                    # answers with a redirect to rtmp://…/hls/{session id}: nginx relays the stream to the hls
                    # application under that name, so HLS files and playback URLs never carry the key.
                    application live {
                        live on;
                        record off;
                        # Viewers watch HLS over HTTP; nobody plays the RTMP stream directly.
                        deny play all;

                        notify_method post;
                        on_publish {{callback}}/api/v1/live/ingest/publish?secret={{callbackSecret}}&relay={{relay}};
                        on_publish_done {{callback}}/api/v1/live/ingest/publish-done?secret={{callbackSecret}};
                        # Asked every few seconds while a stream is published: once the host has ended the session in
                        # LiveCross, the answer is 403 and nginx cuts the encoder off. (Not strict: a node that cannot
                        # be reached for a moment does not cut a live show.)
                        on_update {{callback}}/api/v1/live/ingest/update?secret={{callbackSecret}};
                        notify_update_timeout 5s;
                    }

                    # Only this nginx's own relay publishes here. The stream is recorded under the session id for its
                    # replay; on_record_done tells LiveCross the file is complete.
                    application hls {
                        live on;
                        record all;
                        record_path {{data}}/recordings;
                        record_unique off;
                        notify_method post;
                        on_record_done {{callback}}/api/v1/live/ingest/record-done?secret={{callbackSecret}};
                        allow publish {{relayHost}};
                        deny publish all;
                        deny play all;

                        hls on;
                        hls_path {{data}}/hls;
                        hls_fragment 2s;
                        hls_playlist_length 20s;
                        hls_cleanup on;
                    }
                }
            }

            http {
                access_log off;
                client_body_temp_path {{data}}/temp/client-body;
                proxy_temp_path {{data}}/temp/proxy;
                fastcgi_temp_path {{data}}/temp/fastcgi;
                uwsgi_temp_path {{data}}/temp/uwsgi;
                scgi_temp_path {{data}}/temp/scgi;
                types {
                    application/vnd.apple.mpegurl m3u8;
                    video/mp2t ts;
                }

                server {
                    listen {{s.ListenAddress}}:{{s.HttpPort}};

                    location /hls/ {
                        alias {{data}}/hls/;
                        add_header Cache-Control no-cache;
                        # The viewer page (another origin) loads the playlist with hls.js.
                        add_header Access-Control-Allow-Origin *;
                    }
                }
            }

            """);
    }

    /// <summary>The address nginx relays to itself on: its listen address, or loopback when it listens on all.</summary>
    private static string RelayHost(MediaServerSettings s) => s.ListenAddress is "0.0.0.0" ? "127.0.0.1" : s.ListenAddress;

    private static bool IsSafePath(string path) =>
        path.Length is > 0 and <= 400 && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-') && !path.Contains("..", StringComparison.Ordinal);

    /// <summary>
    /// GET /api/v1/admin/media-server/nginx.conf — the config for <c>scripts/media-server</c>, with this node as the callback
    /// target unless <c>callbackBaseUrl</c> says otherwise.
    /// </summary>
    public static IEndpointRouteBuilder MapMediaServerConfig(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/media-server/nginx.conf", RenderForAdmin)
            .WithTags("Admin").RequireAuthorization(Policies.PlatformAdmin)
            .WithDescription("nginx.conf for nginx-rtmp next to this server: ?dataFolder=&rtmpPort=1935&httpPort=8088&callbackBaseUrl=&user=.");
        return app;
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> RenderForAdmin(
        HttpRequest request, string? dataFolder, int? rtmpPort, int? httpPort, string? callbackBaseUrl, string? user,
        LiveSecrets secrets, IOptions<LiveCrossOptions> options, CancellationToken cancellationToken)
    {
        var folder = dataFolder ?? System.IO.Path.Combine(options.Value.DataPath, "media-server");
        var callbackText = callbackBaseUrl ?? $"{request.Scheme}://{request.Host}";
        if (!Uri.TryCreate(callbackText, UriKind.Absolute, out var callback))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["callbackBaseUrl"] = ["An http(s) URL without a query is required."] });
        var settings = new MediaServerSettings(folder, rtmpPort ?? 1935, httpPort ?? 8088, callback, User: user);
        var errors = Validate(settings);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Text(Render(settings, await secrets.MediaServerCallbackSecretAsync(cancellationToken)), "text/plain; charset=utf-8");
    }
}

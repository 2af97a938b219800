using System.ComponentModel.DataAnnotations;

namespace LiveCross.Server.Live.Sessions;

/// <summary>Where broadcasters publish and viewers play: the media server's public addresses.</summary>
public sealed class LiveOptions : IValidatableObject
{
    public const string Section = "Live";

    /// <summary>The RTMP application URL an encoder (OBS) is given as its server; the stream key goes after it.</summary>
    [Required]
    public string IngestUrl { get; set; } = "rtmp://127.0.0.1:1935/live";

    /// <summary>Where the media server serves HLS; a live session plays {HlsBaseUrl}/{session id}.m3u8.</summary>
    [Required]
    public string HlsBaseUrl { get; set; } = "http://127.0.0.1:8088/hls";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(IngestUrl, UriKind.Absolute, out var ingest) || ingest.Scheme != "rtmp")
            yield return new ValidationResult("Live:IngestUrl must be an rtmp:// URL, e.g. rtmp://127.0.0.1:1935/live.", [nameof(IngestUrl)]);
        if (!Uri.TryCreate(HlsBaseUrl, UriKind.Absolute, out var hls) || hls.Scheme is not ("http" or "https"))
            yield return new ValidationResult("Live:HlsBaseUrl must be an http(s):// URL, e.g. http://127.0.0.1:8088/hls.", [nameof(HlsBaseUrl)]);
    }
}

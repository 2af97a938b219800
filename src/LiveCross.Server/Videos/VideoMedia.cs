using System.Globalization;
using System.Text.Json;

namespace LiveCross.Server.Videos;

/// <summary>ffprobe or ffmpeg could not do its part; the message says why and is kept with the video or sent to the uploader.</summary>
public sealed class VideoMediaException(string message) : Exception(message);

/// <summary>What ffprobe read from a file.</summary>
public sealed record ProbedVideo(string Container, double DurationSeconds, string VideoCodec, int Width, int Height, string? AudioCodec);

/// <summary>One output of a transcode: its name (720p, 360p, poster, preview), file and content type.</summary>
public sealed record TranscodeOutput(string Name, string Path, string ContentType, int TargetHeight);

/// <summary>Debian's ffprobe and ffmpeg, run as processes.</summary>
public static class VideoMedia
{
    // ffprobe's format names for the containers we take (it lists aliases, e.g. "mov,mp4,m4a,3gp,3g2,mj2").
    private static readonly HashSet<string> Containers = new(StringComparer.Ordinal) { "mov", "mp4", "matroska", "webm", "avi" };
    private static readonly HashSet<string> VideoCodecs = new(StringComparer.Ordinal) { "h264", "hevc", "vp8", "vp9", "av1", "mpeg4" };
    private static readonly HashSet<string> AudioCodecs = new(StringComparer.Ordinal) { "aac", "mp3", "opus", "vorbis", "ac3", "pcm_s16le", "flac" };

    public static readonly int[] RenditionHeights = [720, 360];
    public const double PreviewSeconds = 3;

    public static string? FfmpegPath => Platform.ExternalTool.Find("ffmpeg");

    public static string? FfprobePath => Platform.ExternalTool.Find("ffprobe");

    /// <summary>Reads the file's container, duration and streams; refuses what LiveCross does not take, saying why.</summary>
    public static async Task<ProbedVideo> ProbeAsync(string file, double maxDurationSeconds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ffprobe = FfprobePath ?? throw new VideoMediaException("ffprobe is not installed on the server (Debian package ffmpeg).");
        var (exit, output, _) = await RunAsync(ffprobe, ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file], timeout, null, cancellationToken);
        if (exit != 0) throw new VideoMediaException("The file is not a video that can be read (ffprobe found no container or streams in it).");
        using var json = JsonDocument.Parse(output);
        if (!json.RootElement.TryGetProperty("format", out var format)) throw new VideoMediaException("The file is not a video that can be read.");
        var container = format.TryGetProperty("format_name", out var name) ? name.GetString() ?? "" : "";
        if (!container.Split(',').Any(Containers.Contains))
            throw new VideoMediaException($"The container '{container}' is not accepted; upload MP4, MOV, WebM, MKV or AVI.");
        var streams = json.RootElement.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(x => Text(x, "codec_type") == "video" && !IsAttachedPicture(x));
        if (video.ValueKind != JsonValueKind.Object) throw new VideoMediaException("The file has no video stream.");
        var videoCodec = Text(video, "codec_name") ?? "";
        if (!VideoCodecs.Contains(videoCodec)) throw new VideoMediaException($"The video codec '{videoCodec}' is not accepted; use H.264, HEVC, VP8, VP9, AV1 or MPEG-4.");
        var audio = streams.FirstOrDefault(x => Text(x, "codec_type") == "audio");
        var audioCodec = audio.ValueKind == JsonValueKind.Object ? Text(audio, "codec_name") : null;
        if (audioCodec is not null && !AudioCodecs.Contains(audioCodec)) throw new VideoMediaException($"The audio codec '{audioCodec}' is not accepted; use AAC, MP3, Opus, Vorbis, AC-3, FLAC or PCM.");
        var width = video.TryGetProperty("width", out var w) ? w.GetInt32() : 0;
        var height = video.TryGetProperty("height", out var h) ? h.GetInt32() : 0;
        if (width <= 0 || height <= 0) throw new VideoMediaException("The video stream has no picture size.");
        var duration = double.TryParse(Text(format, "duration"), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
        if (duration <= 0 || !double.IsFinite(duration)) throw new VideoMediaException("The video's duration cannot be read (the file may be cut short).");
        if (duration > maxDurationSeconds)
            throw new VideoMediaException($"The video is {duration:0.#} s long; at most {maxDurationSeconds:0.#} s are accepted.");
        return new ProbedVideo(container, duration, videoCodec, width, height, audioCodec);
    }

    /// <summary>The renditions to make: each target height, never above the source's; a smaller source gets only the sizes it reaches.</summary>
    public static IReadOnlyList<(string Name, int Height)> Renditions(int sourceHeight)
    {
        var list = new List<(string, int)>();
        foreach (var target in RenditionHeights)
        {
            var height = Even(Math.Min(target, sourceHeight));
            if (list.Any(r => r.Item2 == height)) continue;
            list.Add(($"{target}p", height));
        }
        // A source below 360 lines makes one rendition, named for its slot but at its own height.
        if (sourceHeight < RenditionHeights[^1]) list = [($"{RenditionHeights[^1]}p", Even(sourceHeight))];
        return list;
    }

    private static int Even(int value) => Math.Max(2, value - value % 2);

    /// <summary>
    /// One ffmpeg run: H.264/AAC MP4 renditions (faststart), a JPEG poster and a muted preview of a few seconds, with
    /// progress reported in percent of the source's duration.
    /// </summary>
    public static async Task<IReadOnlyList<TranscodeOutput>> TranscodeAsync(
        string source, ProbedVideo probed, string folder, TimeSpan timeout, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        var ffmpeg = FfmpegPath ?? throw new VideoMediaException("ffmpeg is not installed on the server (Debian package ffmpeg).");
        Directory.CreateDirectory(folder);
        var outputs = new List<TranscodeOutput>();
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostats", "-y", "-i", source };
        var audio = "0:a:0";
        if (probed.AudioCodec is null)
        {
            args.AddRange(["-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=44100"]);
            audio = "1:a:0";
        }
        args.AddRange(["-progress", "pipe:1"]);
        foreach (var (name, height) in Renditions(probed.Height))
        {
            var path = Path.Combine(folder, name + ".mp4");
            args.AddRange(["-map", "0:v:0", "-map", audio, "-vf", $"scale=-2:{height}", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "96k", "-ac", "2", "-shortest", "-movflags", "+faststart", path]);
            outputs.Add(new TranscodeOutput(name, path, "video/mp4", height));
        }
        var posterAt = Math.Min(1.0, probed.DurationSeconds / 2).ToString("0.###", CultureInfo.InvariantCulture);
        var posterHeight = Renditions(probed.Height)[0].Height;
        var poster = Path.Combine(folder, "poster.jpg");
        args.AddRange(["-map", "0:v:0", "-ss", posterAt, "-frames:v", "1", "-vf", $"scale=-2:{posterHeight}", "-q:v", "4", poster]);
        outputs.Add(new TranscodeOutput("poster", poster, "image/jpeg", posterHeight));
        var previewHeight = Even(Math.Min(360, probed.Height));
        var preview = Path.Combine(folder, "preview.mp4");
        args.AddRange(["-map", "0:v:0", "-t", PreviewSeconds.ToString(CultureInfo.InvariantCulture), "-an", "-vf", $"scale=-2:{previewHeight}", "-c:v", "libx264",
            "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", preview]);
        outputs.Add(new TranscodeOutput("preview", preview, "video/mp4", previewHeight));

        var lastPercent = -1;
        async Task OnLine(string line)
        {
            if (!line.StartsWith("out_time_us=", StringComparison.Ordinal) && !line.StartsWith("out_time_ms=", StringComparison.Ordinal)) return;
            // Both keys carry microseconds (out_time_ms is misnamed in ffmpeg).
            if (!long.TryParse(line.AsSpan(line.IndexOf('=') + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros) || micros < 0) return;
            var percent = (int)Math.Clamp(micros / 1_000_000.0 / probed.DurationSeconds * 100, 0, 99);
            if (percent <= lastPercent) return;
            lastPercent = percent;
            await progress(percent);
        }
        var (exit, _, errors) = await RunAsync(ffmpeg, args, timeout, OnLine, cancellationToken);
        if (exit != 0) throw new VideoMediaException($"ffmpeg could not transcode the video (exit {exit}): {Trim(errors)}");
        foreach (var output in outputs)
            if (!File.Exists(output.Path) || new FileInfo(output.Path).Length == 0) throw new VideoMediaException($"ffmpeg made no {output.Name}.");
        return outputs;
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var a) && a.GetInt32() == 1;

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(
        string program, IEnumerable<string> arguments, TimeSpan timeout, Func<string, Task>? onLine, CancellationToken cancellationToken)
    {
        var run = await Platform.ExternalTool.RunAsync(program, arguments, timeout, onLine, cancellationToken);
        if (run.TimedOut) throw new VideoMediaException($"{Path.GetFileName(program)} took longer than {timeout} and was stopped.");
        return (run.ExitCode, run.Output, run.Errors);
    }

    private static string Trim(string text)
    {
        text = text.Trim();
        return text.Length <= 300 ? text : text[..300];
    }
}

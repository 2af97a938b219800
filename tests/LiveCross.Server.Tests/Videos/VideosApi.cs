using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Videos;

/// <summary>Test videos made with ffmpeg's test sources, the chunked upload as a client does it, and ffprobe of what came out.</summary>
public static class VideosApi
{
    public const string Seller = "/api/v1/seller/videos";

    public static string Ffmpeg => TestVideos.Ffmpeg;

    public static string Ffprobe => ExternalProgram.Require(ExternalProgram.Find("/usr/bin/ffprobe", "/usr/local/bin/ffprobe"), "ffprobe");

    /// <summary>A small MP4 (H.264/AAC) of ffmpeg's test pattern and a tone.</summary>
    public static async Task<byte[]> MakeAsync(int width, int height, double seconds, bool audio = true)
    {
        var file = Path.Combine(Path.GetTempPath(), $"livecross-video-{Guid.NewGuid():N}.mp4");
        try
        {
            await TestVideos.WriteAsync(file, width, height, seconds, audio, Api.Cancel);
            return await File.ReadAllBytesAsync(file, Api.Cancel);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Assembles the upload's chunks as finishing it would (on this node) and checks they make <paramref name="file"/>.</summary>
    public static async Task ShouldAssembleToAsync(this Server.Videos.VideoUploads uploads, Guid upload, byte[] file)
    {
        var assembled = await uploads.AssembleAsync(new Server.Videos.VideoUpload { Id = upload, FileName = "assembled.mp4", TotalBytes = file.Length }, Api.Cancel);
        try
        {
            (await File.ReadAllBytesAsync(assembled, Api.Cancel)).ShouldBe(file);
        }
        finally
        {
            File.Delete(assembled);
        }
    }

    public static async Task<JsonElement> StartAsync(this HttpClient seller, string fileName, long total) =>
        await (await seller.SendJsonAsync(HttpMethod.Post, $"{Seller}/uploads", new JsonObject { ["fileName"] = fileName, ["totalBytes"] = total })).ShouldBeJsonAsync(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> PutChunkAsync(this HttpClient seller, Guid upload, byte[] file, long from, long to)
    {
        var content = new ByteArrayContent(file, (int)from, (int)(to - from + 1));
        content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, file.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return seller.PutAsync($"{Seller}/uploads/{upload}", content, Api.Cancel);
    }

    /// <summary>Sends the whole file in chunks and finishes the upload; answers the finish response.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient seller, byte[] file, string fileName = "clip.mp4", int chunk = 64 * 1024, string? title = null)
    {
        var upload = (await seller.StartAsync(fileName, file.Length)).Id();
        for (long from = 0; from < file.Length; from += chunk)
            await (await seller.PutChunkAsync(upload, file, from, Math.Min(from + chunk, file.Length) - 1)).ShouldBeJsonAsync();
        return await seller.SendJsonAsync(HttpMethod.Post, $"{Seller}/uploads/{upload}/finish", title is null ? new JsonObject() : new JsonObject { ["title"] = title });
    }

    /// <summary>Polls the video until its job is done or failed (at most 3 minutes); answers each progress percent seen, and the video.</summary>
    public static async Task<(JsonElement Video, List<int> Progress)> WaitForJobAsync(this HttpClient seller, Guid id)
    {
        var seen = new List<int>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        for (var i = 0; i < 1800 && DateTime.UtcNow < deadline; i++)
        {
            var video = await seller.GetJsonAsync($"{Seller}/{id}");
            var progress = video.GetProperty("progress").GetInt32();
            if (seen.Count == 0 || seen[^1] != progress) seen.Add(progress);
            if (video.GetProperty("job").GetString() is "done" or "failed") return (video, seen);
            await Task.Delay(100, Api.Cancel);
        }
        throw new TimeoutException($"The transcode of video {id} did not end in time.");
    }

    public sealed record Probe(string? VideoCodec, int Width, int Height, string? AudioCodec, string Format);

    public static async Task<Probe> ProbeAsync(byte[] bytes)
    {
        var file = Path.Combine(Path.GetTempPath(), $"livecross-probe-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(file, bytes, Api.Cancel);
        try
        {
            var start = new ProcessStartInfo(Ffprobe) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-v", "error", "-print_format", "json", "-show_format", "-show_streams", file }) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(Api.Cancel);
            await process.WaitForExitAsync(Api.Cancel);
            process.ExitCode.ShouldBe(0);
            using var json = JsonDocument.Parse(output);
            var streams = json.RootElement.GetProperty("streams").EnumerateArray().ToList();
            var video = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "video");
            var audio = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "audio");
            return new Probe(video.ValueKind == JsonValueKind.Object ? video.GetProperty("codec_name").GetString() : null,
                video.ValueKind == JsonValueKind.Object ? video.GetProperty("width").GetInt32() : 0,
                video.ValueKind == JsonValueKind.Object ? video.GetProperty("height").GetInt32() : 0,
                audio.ValueKind == JsonValueKind.Object ? audio.GetProperty("codec_name").GetString() : null,
                json.RootElement.GetProperty("format").GetProperty("format_name").GetString()!);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
